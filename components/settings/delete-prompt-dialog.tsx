"use client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-parts";
import type { Prompt } from "@/components/prompts/use-prompts";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { NETWORK_ERROR, readApiFailure } from "./api-error";

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
  const deletedRef = useRef(false);
  return (
    <AlertDialog open={prompt !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus(deletedRef.current, event);
          deletedRef.current = false;
        }}
      >
        {prompt ? (
          <DeleteConfirmation
            prompt={prompt}
            onDeleted={() => {
              deletedRef.current = true;
              onDeleted(prompt.id);
              onClose();
            }}
          />
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}

function DeleteConfirmation({ prompt, onDeleted }: { prompt: Prompt; onDeleted: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/prompts/${encodeURIComponent(prompt.id)}`, { method: "DELETE" });
      // 404: already deleted (in another tab, say).
      if (res.ok || res.status === 404) {
        toast.success("Prompt deleted");
        onDeleted();
        return;
      }
      setError((await readApiFailure(res)).message);
    } catch {
      setError(NETWORK_ERROR);
    }
    setPending(false);
  }

  return (
    <>
      <AlertDialogHeader>
        <AlertDialogTitle>Delete prompt?</AlertDialogTitle>
        <AlertDialogDescription className="break-words">
          The prompt <span className="font-medium text-foreground">{prompt.name}</span> will be deleted. This
          can&apos;t be undone.
        </AlertDialogDescription>
      </AlertDialogHeader>
      <FormAlert message={error} />
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button variant="outline">Cancel</Button>
        </AlertDialogCancel>
        <Button
          variant="destructive"
          onClick={() => void remove()}
          disabled={pending}
          aria-busy={pending || undefined}
        >
          {pending ? <Spinner /> : null}
          Delete prompt
        </Button>
      </AlertDialogFooter>
    </>
  );
}
