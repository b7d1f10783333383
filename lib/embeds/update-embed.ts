import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { resolveModel } from "@/lib/runners/registry";
import { getOwnedEmbed } from "./get-owned-embed";
import { getEmbed } from "./list-embeds";
import type { EmbedView, updateEmbedInput } from "./schemas";

/** Changes an embed's settings; visitors' next message follows them. */
export async function updateEmbed(input: {
  userId: string;
  embedId: string;
  changes: z.output<typeof updateEmbedInput>;
}): Promise<EmbedView> {
  const embed = await getOwnedEmbed(input);
  const { changes } = input;
  if (changes.model !== undefined && changes.model !== embed.model) await resolveModel(changes.model);
  const e = schema.embed;
  await db()
    .update(e)
    .set({
      ...changes,
      ...(changes.systemPrompt !== undefined ? { systemPrompt: changes.systemPrompt || null } : {}),
      ...(changes.greeting !== undefined ? { greeting: changes.greeting || null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(e.id, embed.id), eq(e.userId, input.userId)));
  return getEmbed(input);
}
