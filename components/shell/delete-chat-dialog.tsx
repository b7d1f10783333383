"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ChatSummary } from "@/lib/chats/list-chats";

/** Asks before deleting `chat` (open while it is set). The deletion itself waits for the undo toast. */
export function DeleteChatDialog({
  chat,
  onClose,
  onConfirm,
}: {
  chat: ChatSummary | null;
  onClose: () => void;
  onConfirm: (chat: ChatSummary) => void;
}) {
  return (
    <ConfirmDialog
      item={chat}
      title="Delete chat?"
      description={(c) => (
        <>
          This deletes <span className="font-medium text-foreground">{c.title}</span> and all its messages.
        </>
      )}
      confirmLabel="Delete"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
