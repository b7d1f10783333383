import "server-only";
import { sql } from "drizzle-orm";
import { MATCH_END, MATCH_START, type SearchHit } from "@/lib/client/api-types";
import { db } from "@/lib/db/client";

/**
 * "tide char" → "tide:* & char:*": every word, each as a prefix (results while
 * typing). Query syntax is just separators; a lone letter ("keeper's" → "s")
 * is dropped unless it is all there is.
 */
export function toPrefixQuery(q: string): string | null {
  const all = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const longer = all.filter((w) => w.length > 1);
  const words = (longer.length ? longer : all).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * Full-text search over the user's chat titles and message contents (GIN
 * indexes on tsvectors), best matches first, with a snippet around each.
 */
export async function searchChats(input: {
  userId: string;
  q: string;
  limit?: number;
}): Promise<SearchHit[]> {
  const query = toPrefixQuery(input.q);
  if (!query) return [];
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const headline = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1`;
  const { rows } = await db().execute<{
    chat_id: string;
    title: string;
    message_id: string | null;
    snippet: string;
    updated_at: string | Date;
  }>(sql`
    WITH q AS (SELECT to_tsquery('simple', ${query}) AS query),
    hits AS (
      SELECT c.id AS chat_id, c.title, m.id AS message_id,
             ts_headline('simple', m.content, q.query, ${headline}) AS snippet,
             ts_rank(m.search, q.query) AS rank, c.updated_at
      FROM message m JOIN chat c ON c.id = m.chat_id, q
      WHERE c.user_id = ${input.userId} AND m.search @@ q.query
      UNION ALL
      SELECT c.id, c.title, NULL, ts_headline('simple', c.title, q.query, ${headline}), 1.0, c.updated_at
      FROM chat c, q
      WHERE c.user_id = ${input.userId} AND to_tsvector('simple', c.title) @@ q.query
    )
    SELECT DISTINCT ON (chat_id) chat_id, title, message_id, snippet, updated_at
    FROM hits ORDER BY chat_id, rank DESC`);
  return rows
    .map((r) => ({
      chatId: r.chat_id,
      title: r.title,
      messageId: r.message_id,
      snippet: r.snippet,
      updatedAt: new Date(r.updated_at).toISOString(),
    }))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, limit);
}
