import { MessagesSquare } from "lucide-react";

/** The sidebar's list of chats; until chats exist, a friendly empty state. */
export function ChatList() {
  return (
    <section aria-labelledby="chat-list-heading" className="px-2">
      <h2 id="chat-list-heading" className="px-2 pt-2 pb-1.5 text-xs font-medium text-muted-foreground">
        Chats
      </h2>
      <div className="flex items-start gap-3 rounded-lg px-2 py-3">
        <MessagesSquare aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <div className="grid gap-0.5">
          <p className="text-sm font-medium">No chats yet</p>
          <p className="text-xs text-muted-foreground">Your conversations will appear here.</p>
        </div>
      </div>
    </section>
  );
}
