import type { schema } from "@/lib/db/client";

type MessageRow = typeof schema.message.$inferSelect;

/** What the API shows of a message: no owner, flags or search vector. */
export function messageView(row: MessageRow) {
  return {
    id: row.id,
    chatId: row.chatId,
    parentId: row.parentId,
    role: row.role,
    content: row.content,
    reasoning: row.reasoning,
    status: row.status,
    error: row.error,
    model: row.model,
    createdAt: row.createdAt.toISOString(),
  };
}
