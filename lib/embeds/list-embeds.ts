import "server-only";
import { desc, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { embedStats } from "./embed-stats";
import { embedView } from "./embed-view";
import { getOwnedEmbed } from "./get-owned-embed";
import type { EmbedView } from "./schemas";

/** The user's embeds, newest first. */
export async function listEmbeds(input: { userId: string }): Promise<EmbedView[]> {
  const rows = await db()
    .select()
    .from(schema.embed)
    .where(eq(schema.embed.userId, input.userId))
    .orderBy(desc(schema.embed.createdAt));
  const stats = await embedStats(rows.map((r) => r.id));
  return rows.map((r) => embedView(r, stats.get(r.id) ?? { tokensToday: 0, conversations: 0 }));
}

/** One of the user's embeds; 404 when it is not theirs. */
export async function getEmbed(input: { userId: string; embedId: string }): Promise<EmbedView> {
  const row = await getOwnedEmbed(input);
  const stats = await embedStats([row.id]);
  return embedView(row, stats.get(row.id) ?? { tokensToday: 0, conversations: 0 });
}
