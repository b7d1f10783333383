import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { getOwnedEmbed } from "./get-owned-embed";
import { getEmbed } from "./list-embeds";
import type { EmbedView } from "./schemas";

/** Revokes the key: the chat shows "unavailable" on every site until a new key is issued. */
export async function revokeEmbedKey(input: { userId: string; embedId: string }): Promise<EmbedView> {
  const embed = await getOwnedEmbed(input);
  const e = schema.embed;
  await db()
    .update(e)
    .set({ keyRevokedAt: embed.keyRevokedAt ?? new Date(), updatedAt: new Date() })
    .where(and(eq(e.id, embed.id), eq(e.userId, input.userId)));
  return getEmbed(input);
}
