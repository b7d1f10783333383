import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

/**
 * Tokens the embed's visitors spent since midnight UTC, summed from the
 * replies themselves: the budget and the owner's page agree with what was
 * generated, across processes, with nothing extra to keep in step.
 */
export async function embedTokensToday(embedId: string): Promise<number> {
  return (await embedStats([embedId])).get(embedId)?.tokensToday ?? 0;
}

/** Per embed: tokens spent today (UTC) and conversations ever. */
export async function embedStats(
  embedIds: string[],
): Promise<Map<string, { tokensToday: number; conversations: number }>> {
  const stats = new Map<string, { tokensToday: number; conversations: number }>();
  if (embedIds.length === 0) return stats;
  const { rows } = await db().execute<{ embed_id: string; tokens: number; conversations: number }>(sql`
    SELECT c.embed_id,
           coalesce((SELECT sum(coalesce(m.prompt_tokens, 0) + coalesce(m.completion_tokens, 0))
                     FROM message m JOIN chat t ON t.id = m.chat_id
                     WHERE t.embed_id = c.embed_id AND m.role = 'assistant'
                       AND m.created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0)::int AS tokens,
           count(*)::int AS conversations
    FROM chat c
    WHERE c.embed_id IN (${sql.join(
      embedIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    GROUP BY c.embed_id`);
  for (const r of rows) stats.set(r.embed_id, { tokensToday: r.tokens, conversations: r.conversations });
  return stats;
}
