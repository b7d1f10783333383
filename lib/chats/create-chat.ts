import "server-only";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/settings";
import { storableText } from "@/lib/validation/storable-text";

export const createChatInput = z.object({
  model: storableText().min(1).max(200).nullish(),
  systemPrompt: storableText().max(20_000, "at most 20,000 characters").nullish(),
  temperature: z.number().min(0).max(2).nullish(),
});

/**
 * A new chat. Without a system prompt of its own it starts with the admin's
 * default, copied in: the chat's settings show what the model gets, the user
 * can change or clear it, and a later change of the default reaches new
 * chats only (as ChatGPT's instructions do), never a conversation under way.
 */
export async function createChat(input: { userId: string } & z.infer<typeof createChatInput>) {
  const systemPrompt = input.systemPrompt ?? ((await getSettings()).defaultSystemPrompt || null);
  const [row] = await db()
    .insert(schema.chat)
    .values({
      userId: input.userId,
      model: input.model ?? null,
      systemPrompt,
      temperature: input.temperature ?? null,
    })
    .returning();
  return row!;
}
