"use client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/auth/form-parts";
import { useFormRequest } from "@/components/settings/use-form-request";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { createRunner, updateRunner, type RunnerView } from "@/lib/client/admin-models";

type Kind = RunnerView["kind"];

const PLACEHOLDERS: Record<Kind, string> = {
  ollama: "http://192.168.1.20:11434",
  openai: "https://openrouter.ai/api/v1",
};

/** Add a runner (`runner` null) or edit one. The mounted form is fresh on each opening. */
export function RunnerDialog({
  runner,
  open,
  onOpenChange,
  onSaved,
}: {
  runner: RunnerView | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {open ? (
          <RunnerForm
            runner={runner}
            onSaved={() => {
              onOpenChange(false);
              onSaved();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function RunnerForm({ runner, onSaved }: { runner: RunnerView | null; onSaved: () => void }) {
  const [kind, setKind] = useState<Kind>(runner?.kind ?? "ollama");
  const [removeKey, setRemoveKey] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, send } = useFormRequest({
    name: nameRef,
    baseUrl: urlRef,
    apiKey: keyRef,
    kind: null,
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const baseUrl = String(form.get("baseUrl") ?? "").trim();
    const apiKey = String(form.get("apiKey") ?? "").trim();
    void send(
      () =>
        runner
          ? updateRunner(runner.id, {
              name,
              ...(runner.isDefault ? {} : { baseUrl }),
              ...(apiKey ? { apiKey } : removeKey ? { apiKey: null } : {}),
            })
          : createRunner({ name, kind, baseUrl, ...(apiKey ? { apiKey } : {}) }),
      (saved) => {
        toast.success(runner ? `${saved.name} saved.` : `${saved.name} added.`);
        onSaved();
      },
    );
  }

  return (
    <DialogForm
      title={runner ? `Edit ${runner.name}` : "Add a runner"}
      description={
        runner
          ? "Changes apply to the next request."
          : "Hearth checks the server when the list reloads. Its models appear in every picker with the runner's name."
      }
      error={error}
      pending={pending}
      submitLabel={runner ? "Save" : "Add runner"}
      onSubmit={submit}
    >
      {runner ? null : (
        <div className="grid gap-2">
          <Label htmlFor="runner-kind">Type</Label>
          <Select value={kind} onValueChange={(v) => setKind(v as Kind)}>
            <SelectTrigger id="runner-kind">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="ollama">Ollama</SelectItem>
              <SelectItem value="openai">
                OpenAI-compatible (vLLM, llama.cpp, LM Studio, OpenRouter, OpenAI)
              </SelectItem>
            </SelectContent>
          </Select>
        </div>
      )}
      <FormField
        ref={nameRef}
        id="runner-name"
        name="name"
        label="Name"
        defaultValue={runner?.name ?? ""}
        autoComplete="off"
        required
        maxLength={40}
        invalid={invalid === "name"}
        hint={
          kind === "openai"
            ? "Its models are listed as name/model, so renaming it renames them. Letters, digits, - _ and . only."
            : "Shown beside its models. Letters, digits, - _ and . only."
        }
      />
      <FormField
        ref={urlRef}
        id="runner-url"
        name="baseUrl"
        label="Base URL"
        type="url"
        defaultValue={runner?.baseUrl ?? ""}
        placeholder={PLACEHOLDERS[kind]}
        readOnly={runner?.isDefault}
        autoComplete="off"
        required
        invalid={invalid === "baseUrl"}
        hint={
          runner?.isDefault
            ? "Set by OLLAMA_BASE_URL; change it there and restart Hearth."
            : kind === "openai"
              ? "The server's /v1 address, e.g. http://vllm:8000/v1."
              : "Where Ollama listens, usually port 11434."
        }
      />
      {kind === "openai" ? (
        <div className="grid gap-2">
          <FormField
            ref={keyRef}
            id="runner-key"
            name="apiKey"
            label="API key"
            type="password"
            autoComplete="off"
            placeholder={runner?.hasApiKey && !removeKey ? "•••••••• (saved)" : "Optional"}
            invalid={invalid === "apiKey"}
            hint={
              runner?.hasApiKey
                ? "A key is saved, encrypted. Type a new one to replace it; it is never shown again."
                : "Stored encrypted and never shown again. Leave empty for a local server without keys."
            }
          />
          {runner?.hasApiKey ? (
            <Button
              type="button"
              variant="link"
              className="h-auto justify-self-start p-0 text-xs"
              aria-pressed={removeKey}
              onClick={() => setRemoveKey((r) => !r)}
            >
              {removeKey ? "Keep the saved key" : "Remove the saved key"}
            </Button>
          ) : null}
        </div>
      ) : null}
    </DialogForm>
  );
}
