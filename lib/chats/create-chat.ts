import "server-only";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { storableText } from "@/lib/validation/storable-text";

export const createChatInput = z.object({
  model: storableText().min(1).max(200).nullish(),
  systemPrompt: storableText().max(20_000, "at most 20,000 characters").nullish(),
  temperature: z.number().min(0).max(2).nullish(),
});

export async function createChat(input: { userId: string } & z.infer<typeof createChatInput>) {
  const [row] = await db()
    .insert(schema.chat)
    .values({
      userId: input.userId,
      model: input.model ?? null,
      systemPrompt: input.systemPrompt ?? null,
      temperature: input.temperature ?? null,
    })
    .returning();
  return row!;
}
