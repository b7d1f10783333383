"use client";
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
    <AlertDialog open={chat !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent>
        {chat ? (
          <>
            <AlertDialogHeader>
              <AlertDialogTitle>Delete chat?</AlertDialogTitle>
              <AlertDialogDescription className="break-words">
                This deletes <span className="font-medium text-foreground">{chat.title}</span> and all its
                messages.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel asChild>
                <Button variant="outline">Cancel</Button>
              </AlertDialogCancel>
              <Button variant="destructive" onClick={() => onConfirm(chat)}>
                Delete
              </Button>
            </AlertDialogFooter>
          </>
        ) : null}
      </AlertDialogContent>
    </AlertDialog>
  );
}
