"use client";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { FormAlert, FormField } from "@/components/auth/form-parts";
import { promptVariables } from "@/components/prompts/fill-prompt";
import type { Prompt } from "@/components/prompts/use-prompts";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { NETWORK_ERROR, readApiFailure } from "./api-error";

const FIELD_LABELS = { name: "Name", body: "Prompt" };

/** What the dialog is doing: making a new prompt, or changing `prompt`. */
export type PromptEditing = { mode: "create" } | { mode: "edit"; prompt: Prompt };

/** "New prompt" / "Edit prompt": a name and a body with {{variables}}. Open while `editing` is set. */
export function PromptDialog({
  editing,
  onClose,
  onSaved,
  onCloseAutoFocus,
}: {
  editing: PromptEditing | null;
  onClose: () => void;
  onSaved: (prompt: Prompt) => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  return (
    <Dialog open={editing !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus} className="max-w-xl">
        {editing ? (
          <PromptForm
            editing={editing}
            onSaved={(prompt) => {
              onSaved(prompt);
              onClose();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function PromptForm({ editing, onSaved }: { editing: PromptEditing; onSaved: (prompt: Prompt) => void }) {
  const original = editing.mode === "edit" ? editing.prompt : null;
  const [body, setBody] = useState(original?.body ?? "");
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<"name" | "body" | null>(null);
  const [pending, setPending] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const bodyId = useId();
  const variables = promptVariables(body);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    if (!name) {
      setInvalid("name");
      setError("Give the prompt a name.");
      nameRef.current?.focus();
      return;
    }
    if (!body.trim()) {
      setInvalid("body");
      setError("Write the prompt.");
      bodyRef.current?.focus();
      return;
    }
    setInvalid(null);
    setError(null);
    setPending(true);
    try {
      const res = await fetch(original ? `/api/prompts/${encodeURIComponent(original.id)}` : "/api/prompts", {
        method: original ? "PUT" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, body }),
      });
      if (res.ok) {
        toast.success(original ? "Prompt saved" : "Prompt created");
        onSaved((await res.json()) as Prompt);
        return;
      }
      const failure = await readApiFailure(res, FIELD_LABELS);
      setError(failure.message);
      const param = failure.param?.split(".")[0];
      setInvalid(param === "name" || param === "body" ? param : null);
      if (param === "name") nameRef.current?.focus();
      if (param === "body") bodyRef.current?.focus();
    } catch {
      setError(NETWORK_ERROR);
    }
    setPending(false);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>{original ? "Edit prompt" : "New prompt"}</DialogTitle>
        <DialogDescription>Save text you send often, and pick it from the composer later.</DialogDescription>
      </DialogHeader>

      <div className="grid gap-4">
        <FormField
          ref={nameRef}
          id="prompt-name"
          name="name"
          label="Name"
          placeholder="e.g. Explain like I'm five"
          autoComplete="off"
          maxLength={80}
          required
          autoFocus
          defaultValue={original?.name ?? ""}
          invalid={invalid === "name"}
        />
        <div className="grid gap-2">
          <Label htmlFor={bodyId}>Prompt body</Label>
          <Textarea
            ref={bodyRef}
            id={bodyId}
            name="body"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={6}
            maxLength={20_000}
            required
            aria-invalid={invalid === "body" || undefined}
            aria-describedby={`${bodyId}-hint`}
            className="max-h-[40dvh] min-h-32"
            placeholder="Explain {{topic}} in simple words."
          />
          <p id={`${bodyId}-hint`} className="text-xs text-muted-foreground">
            Use {"{{variable}}"} for parts you fill in each time.
            {variables.length > 0 ? ` Variables: ${variables.join(", ")}.` : null}
          </p>
        </div>
        <FormAlert message={error} />
      </div>

      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? <Spinner /> : null}
          {original ? "Save" : "Create prompt"}
        </Button>
      </DialogFooter>
    </form>
  );
}
