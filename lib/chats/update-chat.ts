import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getOwnedChat } from "./get-owned-chat";
import { storableText } from "@/lib/validation/storable-text";

export const updateChatInput = z
  .object({
    title: storableText().trim().min(1, "give the chat a title").max(200, "at most 200 characters"),
    pinned: z.boolean(),
    model: storableText().min(1).max(200),
    systemPrompt: storableText().max(20_000, "at most 20,000 characters").nullable(),
    temperature: z.number().min(0).max(2).nullable(),
  })
  .partial();

/** Renames, pins or re-configures one of the user's chats. */
export async function updateChat(
  input: { userId: string; chatId: string } & z.infer<typeof updateChatInput>,
) {
  const { userId, chatId, ...changes } = input;
  await getOwnedChat({ userId, chatId });
  if (Object.keys(changes).length === 0) throw new AppError("bad_request", "Nothing to change.");
  const [row] = await db()
    .update(schema.chat)
    .set(changes)
    .where(and(eq(schema.chat.id, chatId), eq(schema.chat.userId, userId)))
    .returning();
  return row!;
}
