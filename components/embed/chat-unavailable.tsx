import { MessageCircleOff } from "lucide-react";

/** What a visitor sees when the embed's key is unknown or revoked, or the chat cannot answer. */
export function ChatUnavailable({ name, detail }: { name?: string; detail?: string | null }) {
  return (
    <div className="flex h-dvh flex-col items-center justify-center gap-3 bg-background p-6 text-center text-foreground">
      <MessageCircleOff className="size-8 text-muted-foreground" aria-hidden />
      <h1 className="text-base font-semibold">Chat unavailable</h1>
      <p className="max-w-xs text-sm text-muted-foreground">
        {detail ?? `${name ?? "This chat"} is not available right now. Please try again later.`}
      </p>
    </div>
  );
}
