import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { MATCH_END, MATCH_START, type SearchHit } from "@/lib/client/api-types";
import { db, withStatementTimeout } from "@/lib/db/client";
import { isStatementTimeout, statementTimeoutError } from "@/lib/db/statement-timeout";

/**
 * The words of a query, each to be matched as a prefix (results while
 * typing). Query syntax is just separators; a lone letter ("keeper's" → "s")
 * is dropped unless it is all there is.
 */
export function queryWords(q: string): string[] {
  const all = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const longer = all.filter((w) => w.length > 1);
  return (longer.length ? longer : all).slice(0, 8);
}

/** "tide char" → "tide:* & char:*": every word, each as a prefix. */
export function toPrefixQuery(q: string): string | null {
  const words = queryWords(q);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * How the page of chats is found depends on how many messages match, by
 * PostgreSQL's estimate (all users; GIN statistics):
 * - below READ_MATCHES_BELOW, the user's matches are read from the GIN index
 *   on (user_id, search) and the newest chats kept: the cost follows the
 *   user's matches (about 20 ms for 5,000, wherever they sit);
 * - from ALWAYS_WALK_ABOVE, the user's chats are walked newest first, each
 *   asked for its latest match, until the page is full: the cost follows how
 *   far back the page reaches, a few chats for a common word;
 * - in between, a walk still running after WALK_BUDGET_MS (the words sit only
 *   in old chats, or in other users') gives way to reading the matches.
 * The estimate counts every user's messages, so it overstates one user's. A word
 * in more than INDEX_WORD_BELOW messages is checked on each row rather than
 * read from the index, where its posting list alone would cost seconds.
 */
const READ_MATCHES_BELOW = 20_000;
const ALWAYS_WALK_ABOVE = 100_000;
const INDEX_WORD_BELOW = 250_000;
const WALK_BUDGET_MS = 100;

type Strategy = "read-matches" | "walk-chats";

interface Row extends Record<string, unknown> {
  chat_id: string;
  title: string;
  message_id: string | null;
  snippet: string;
  updated_at: string | Date;
}

/**
 * Full-text search over the user's chat titles and message contents (GIN
 * indexes on tsvectors): the most recently updated chats that match, newest
 * first, each with a snippet from its title if that matches, else from its
 * latest matching message.
 *
 * The page of chats is chosen first; only its chats get a ts_headline.
 */
export async function searchChats(input: {
  userId: string;
  q: string;
  limit?: number;
}): Promise<SearchHit[]> {
  const words = queryWords(input.q);
  if (!words.length) return [];
  try {
    // One estimate per word, and one for all of them together, at once.
    const query = words.map((w) => `${w}:*`).join(" & ");
    const [together, ...estimates] = await Promise.all([
      words.length > 1 ? estimateMatches(query) : Infinity,
      ...words.map((w) => estimateMatches(`${w}:*`, w)),
    ]);
    const indexed = words.filter((_, i) => estimates[i]! < INDEX_WORD_BELOW);
    const indexQuery = indexed.map((w) => `${w}:*`).join(" & ");
    const matches =
      indexed.length === 0
        ? Infinity
        : indexed.length === 1
          ? Math.min(...estimates)
          : indexed.length === words.length
            ? together!
            : await estimateMatches(indexQuery);
    const page = {
      userId: input.userId,
      query,
      indexQuery,
      limit: Math.min(Math.max(input.limit ?? 20, 1), 50),
    };
    const run = async (strategy: Strategy) =>
      (await db().execute<Row>(pageQuery({ ...page, strategy }))).rows;
    let rows: Row[];
    if (matches < READ_MATCHES_BELOW) rows = await run("read-matches");
    else if (matches >= ALWAYS_WALK_ABOVE) rows = await run("walk-chats");
    else {
      rows = await withStatementTimeout(WALK_BUDGET_MS, async (tx) => {
        return (await tx.execute<Row>(pageQuery({ ...page, strategy: "walk-chats" }))).rows;
      }).catch(async (err: unknown) => {
        if (!isStatementTimeout(err)) throw err;
        return run("read-matches");
      });
    }
    return rows.map((r) => ({
      chatId: r.chat_id,
      title: r.title,
      messageId: r.message_id,
      snippet: r.snippet,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  } catch (err) {
    if (isStatementTimeout(err))
      throw statementTimeoutError("The search took too long. Try more specific words.", err);
    throw err;
  }
}

/**
 * One statement: the page of chats (id, title, whether the title matches, the
 * latest matching message), then a snippet for each.
 */
function pageQuery(input: {
  userId: string;
  query: string;
  /** The words to read from the GIN index (the others are checked on each row). */
  indexQuery: string;
  limit: number;
  strategy: Strategy;
}): SQL {
  const headline = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1`;
  // Written out where used (not in a CTE) so the planner sees the words.
  const tsq = sql`to_tsquery('simple', ${input.query})`;
  const inTitle = sql`to_tsvector('simple', c.title) @@ ${tsq}`;
  // ts_match_vq is the @@ operator as a function, which no index serves: the
  // check on each row, never a reason to read a GIN posting list.
  const page =
    input.strategy === "walk-chats"
      ? sql`
        SELECT * FROM (
          SELECT c.id, c.title, c.updated_at, ${inTitle} AS in_title,
                 CASE WHEN ${inTitle} THEN NULL ELSE (
                   SELECT m.id FROM message m
                   WHERE m.chat_id = c.id AND ts_match_vq(m.search, ${tsq})
                   ORDER BY m.created_at DESC LIMIT 1) END AS message_id
          FROM chat c
          WHERE c.user_id = ${input.userId} AND c.embed_id IS NULL
          ORDER BY c.updated_at DESC NULLS LAST
          OFFSET 0
        ) walked
        WHERE in_title OR message_id IS NOT NULL
        LIMIT ${input.limit}`
      : sql`
        SELECT p.*, CASE WHEN p.in_title THEN NULL ELSE (
                 SELECT f.id FROM found f WHERE f.chat_id = p.id ORDER BY f.created_at DESC LIMIT 1) END AS message_id
        FROM (
          SELECT c.id, c.title, c.updated_at, ${inTitle} AS in_title
          FROM chat c
          WHERE c.user_id = ${input.userId} AND c.embed_id IS NULL
            AND (c.id IN (SELECT f.chat_id FROM found f)
                 OR c.id IN (SELECT t.id FROM chat t WHERE to_tsvector('simple', t.title) @@ ${tsq}))
          ORDER BY c.updated_at DESC NULLS LAST
          LIMIT ${input.limit}
        ) p`;
  // The user's messages with the indexed words (one GIN scan on user and
  // words), then the full query checked on each.
  const found =
    input.strategy === "read-matches"
      ? sql`found AS MATERIALIZED (
          SELECT m.id, m.chat_id, m.created_at FROM message m
          WHERE m.user_id = ${input.userId} AND m.search @@ to_tsquery('simple', ${input.indexQuery})
            AND ts_match_vq(m.search, ${tsq})
        ),`
      : sql``;
  return sql`
    WITH ${found} page AS (${page})
    SELECT p.id AS chat_id, p.title, p.message_id, p.updated_at,
           ts_headline('simple', CASE WHEN p.in_title THEN p.title ELSE m.content END, ${tsq}, ${headline}) AS snippet
    FROM page p
    LEFT JOIN message m ON m.id = p.message_id
    ORDER BY p.updated_at DESC NULLS LAST`;
}

/**
 * How many messages (of all users) PostgreSQL expects to match, from its
 * statistics. Its guess for a prefix can fall far below the word's own (a
 * word in every message of a small table was guessed at 2%), so a whole word
 * is also estimated as itself, in the same EXPLAIN (one branch of an
 * append each; summing them, as an OR would, doubled the guess), and the
 * larger guess kept.
 */
async function estimateMatches(tsquery: string, word?: string): Promise<number> {
  const asWord = word
    ? sql` UNION ALL SELECT 1 FROM message WHERE search @@ to_tsquery('simple', ${word})`
    : sql``;
  const { rows } = await db().execute<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
    sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM message WHERE search @@ to_tsquery('simple', ${tsquery})${asWord}`,
  );
  const plan = rows[0]?.["QUERY PLAN"][0].Plan;
  if (!plan) return 0;
  const branches = plan["Node Type"] === "Append" && plan.Plans?.length ? plan.Plans : [plan];
  return Math.max(...branches.map((p) => p["Plan Rows"]));
}

interface PlanNode {
  "Node Type": string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}
