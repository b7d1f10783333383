import "server-only";
import type { z } from "zod";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { resolveModel } from "@/lib/runners/registry";
import { embedView } from "./embed-view";
import { generatePublishableKey } from "./publishable-key";
import type { createEmbedInput, EmbedView } from "./schemas";

/** A new embed with its publishable key. The model must be one the instance serves now. */
export async function createEmbed(
  input: { userId: string } & z.output<typeof createEmbedInput>,
): Promise<EmbedView> {
  await resolveModel(input.model);
  const key = generatePublishableKey();
  const [row] = await db()
    .insert(schema.embed)
    .values({
      userId: input.userId,
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      model: input.model,
      systemPrompt: input.systemPrompt || null,
      greeting: input.greeting || null,
      theme: input.theme,
      accentColor: input.accentColor,
      visitorRequestsPerMinute: input.visitorRequestsPerMinute,
      dailyTokenBudget: input.dailyTokenBudget ?? null,
      keyHash: key.hash,
      keySealed: encryptSecret(key.key),
      keyPrefix: key.prefix,
    })
    .returning();
  return embedView(row!, { tokensToday: 0, conversations: 0 });
}
