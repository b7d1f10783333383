import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type Chat = typeof schema.chat.$inferSelect;

/**
 * The chat if it exists and belongs to the user; 404 otherwise, whoever's it is.
 * An embed visitor's conversation is the owner's to read under Settings → Embeds
 * only: to the chat API it does not exist, so nobody writes into it.
 */
export async function getOwnedChat(input: { userId: string; chatId: string }): Promise<Chat> {
  const notFound = new AppError("not_found", "No such chat.");
  if (!z.uuid().safeParse(input.chatId).success) throw notFound;
  const [row] = await db()
    .select()
    .from(schema.chat)
    .where(
      and(
        eq(schema.chat.id, input.chatId),
        eq(schema.chat.userId, input.userId),
        isNull(schema.chat.embedId),
      ),
    );
  if (!row) throw notFound;
  return row;
}

/** A message of a chat the user owns; 404 otherwise. */
export async function getOwnedMessage(input: { userId: string; chatId: string; messageId: string }) {
  const notFound = new AppError("not_found", "No such message.");
  if (!z.uuid().safeParse(input.messageId).success) throw notFound;
  await getOwnedChat(input);
  const [row] = await db()
    .select()
    .from(schema.message)
    .where(and(eq(schema.message.id, input.messageId), eq(schema.message.chatId, input.chatId)));
  if (!row) throw notFound;
  return row;
}
