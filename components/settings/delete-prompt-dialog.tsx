"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Prompt } from "@/lib/client/api-types";
import { deleteOnServer } from "@/lib/client/delete-on-server";

/** Asks before deleting `prompt` (open while it is set), then deletes it. */
export function DeletePromptDialog({
  prompt,
  onClose,
  onDeleted,
  onCloseAutoFocus,
}: {
  prompt: Prompt | null;
  onClose: () => void;
  onDeleted: (id: string) => void;
  onCloseAutoFocus: (deleted: boolean, event: Event) => void;
}) {
  return (
    <ConfirmDialog
      item={prompt}
      title="Delete prompt?"
      description={(p) => (
        <>
          The prompt <span className="font-medium text-foreground">{p.name}</span> will be deleted. This
          can&apos;t be undone.
        </>
      )}
      confirmLabel="Delete prompt"
      onConfirm={async (p) => {
        const error = await deleteOnServer(`/api/prompts/${encodeURIComponent(p.id)}`, "Prompt deleted");
        if (!error) onDeleted(p.id);
        return error;
      }}
      onClose={onClose}
      onCloseAutoFocus={onCloseAutoFocus}
    />
  );
}
