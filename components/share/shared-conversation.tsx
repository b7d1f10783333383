import { Markdown } from "@/components/chat/markdown";
import type { MessageRole } from "@/lib/client/api-types";

interface SharedMessage {
  id: string;
  role: MessageRole;
  content: string;
}

/** The read-only conversation of a share link: the user's words as bubbles, answers as Markdown. */
export function SharedConversation({ messages }: { messages: SharedMessage[] }) {
  return (
    <ol className="mt-8 space-y-8" aria-label="Conversation">
      {messages.map((m) =>
        m.role === "user" ? (
          <li key={m.id} className="flex justify-end">
            <div className="max-w-[85%] rounded-2xl bg-secondary px-4 py-2.5 whitespace-pre-wrap text-secondary-foreground">
              {m.content}
            </div>
          </li>
        ) : (
          <li key={m.id}>
            <Markdown text={m.content} />
          </li>
        ),
      )}
    </ol>
  );
}
