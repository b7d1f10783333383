"use client";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/auth/form-parts";
import { promptVariables } from "@/components/prompts/fill-prompt";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { api } from "@/lib/client/api";
import type { Prompt } from "@/lib/client/api-types";
import { useFormRequest } from "./use-form-request";

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
  const nameRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const { error, invalid, pending, fail, send } = useFormRequest({ name: nameRef, body: bodyRef });
  const bodyId = useId();
  const variables = promptVariables(body);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    if (!name) return fail("name", "Give the prompt a name.");
    if (!body.trim()) return fail("body", "Write the prompt.");

    await send(
      () =>
        api<Prompt>(original ? `/api/prompts/${encodeURIComponent(original.id)}` : "/api/prompts", {
          method: original ? "PUT" : "POST",
          body: { name, body },
          labels: FIELD_LABELS,
        }),
      (saved) => {
        toast.success(original ? "Prompt saved" : "Prompt created");
        onSaved(saved);
      },
    );
  }

  return (
    <DialogForm
      title={original ? "Edit prompt" : "New prompt"}
      description="Save text you send often, and pick it from the composer later."
      error={error}
      pending={pending}
      submitLabel={original ? "Save" : "Create prompt"}
      onSubmit={onSubmit}
    >
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
    </DialogForm>
  );
}
