import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { generations } from "./generation/live-generations";
import { getOwnedChat } from "./get-owned-chat";

/** Deletes one of the user's chats with its messages; a reply still generating is stopped first. */
export async function deleteChat(input: { userId: string; chatId: string }): Promise<void> {
  await getOwnedChat(input);
  const streaming = await db()
    .select({ id: schema.message.id })
    .from(schema.message)
    .where(and(eq(schema.message.chatId, input.chatId), eq(schema.message.status, "streaming")));
  for (const { id } of streaming) generations.get(id)?.controller.abort("stopped");
  await db()
    .delete(schema.chat)
    .where(and(eq(schema.chat.id, input.chatId), eq(schema.chat.userId, input.userId)));
}
