/**
 * `npm run bench:search`: search on a large history. Seeds one user with
 * 2,000 chats of 500 messages (1,000,000 messages) and two other users with
 * 200,000 more, in a throwaway PostgreSQL; then runs each kind of query through
 * `searchChats` (the function behind GET /api/search, on the app's own pool)
 * and, side by side, the query it replaced (capped by a statement timeout).
 * Prints a table and writes it to BENCHMARKS.md.
 *
 * BENCH_SEARCH_DATABASE_URL reuses a database this script seeded before
 * (skips the few minutes of seeding while iterating). Needs PostgreSQL
 * binaries, like the tests. Run through `npm run bench:search`, which sets the
 * react-server condition so the app's server-only modules load.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runMigrations } from "../../lib/db/migrate";
import { createTestDatabase, startTestCluster, type TestCluster } from "../../tests/support/pg-harness";
import { machineLine, percentile, serverVersion, writeBenchmarkSection } from "./report";
import { BENCH_USER, SEED, seedSearchHistory } from "./search-seed";

const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 30);
const OLD_RUNS = Number(process.env.BENCH_SEARCH_OLD_RUNS ?? 3);
const OLD_CAP_MS = Number(process.env.BENCH_SEARCH_OLD_CAP_MS ?? 20_000);
const RANK_CAP_MS = 5_000;
const TARGETS = { oneWordMs: 50, otherMs: 100 };

interface Kind {
  q: string;
  kind: "one word" | "two words" | "prefix";
  what: string;
}

const KINDS: Kind[] = [
  { q: "the", kind: "one word", what: "in most messages" },
  { q: SEED.tenth, kind: "one word", what: "in one message of ten" },
  { q: SEED.rare, kind: "one word", what: "rare: 3 of the user's messages" },
  { q: SEED.oldTopic, kind: "one word", what: "only in the 10 oldest chats" },
  { q: SEED.othersOnly, kind: "one word", what: "only in other users' chats" },
  { q: `the ${SEED.tenth}`, kind: "two words", what: "common + one in ten" },
  { q: `${SEED.tenth} ${SEED.oldTopic}`, kind: "two words", what: "one in ten + oldest chats" },
  { q: `the ${SEED.rare}`, kind: "two words", what: "common + rare" },
  { q: "th", kind: "prefix", what: "two letters (the, this, that, …)" },
  { q: SEED.tenth.slice(0, 3), kind: "prefix", what: `"${SEED.tenth.slice(0, 3)}…" as typed` },
  { q: SEED.rare.slice(0, 4), kind: "prefix", what: `"${SEED.rare.slice(0, 4)}…" as typed` },
];

/** The query GET /api/search ran before: a snippet for every match, then the page. */
async function oldSearch(
  client: pg.Client,
  userId: string,
  query: string,
): Promise<{ chatIds: string[]; timedOut: boolean }> {
  const headline = `StartSel=\u0002, StopSel=\u0003, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1`;
  try {
    const { rows } = await client.query<{ chat_id: string; updated_at: Date }>(
      `WITH q AS (SELECT to_tsquery('simple', $2) AS query),
       hits AS (
         SELECT c.id AS chat_id, c.title, m.id AS message_id,
                ts_headline('simple', m.content, q.query, $3) AS snippet,
                ts_rank(m.search, q.query) AS rank, c.updated_at
         FROM message m JOIN chat c ON c.id = m.chat_id, q
         WHERE c.user_id = $1 AND m.search @@ q.query
         UNION ALL
         SELECT c.id, c.title, NULL, ts_headline('simple', c.title, q.query, $3), 1.0, c.updated_at
         FROM chat c, q
         WHERE c.user_id = $1 AND to_tsvector('simple', c.title) @@ q.query
       )
       SELECT DISTINCT ON (chat_id) chat_id, title, message_id, snippet, updated_at
       FROM hits ORDER BY chat_id, rank DESC`,
      [userId, query, headline],
    );
    const sorted = rows.sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime()).slice(0, 20);
    return { chatIds: sorted.map((r) => r.chat_id), timedOut: false };
  } catch (err) {
    if ((err as { code?: string }).code === "57014") return { chatIds: [], timedOut: true };
    throw err;
  }
}

/**
 * The alternative ordering, for comparison: the chats with the best-ranked
 * match first. No index yields ts_rank order, so every match is ranked; no
 * snippets are built, so this is the cheapest form of it.
 */
async function rankedSearch(client: pg.Client, userId: string, query: string): Promise<boolean> {
  try {
    await client.query(
      `SELECT c.id FROM message m JOIN chat c ON c.id = m.chat_id
       WHERE c.user_id = $1 AND m.search @@ to_tsquery('simple', $2)
       GROUP BY c.id ORDER BY max(ts_rank(m.search, to_tsquery('simple', $2))) DESC LIMIT 20`,
      [userId, query],
    );
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === "57014") return true;
    throw err;
  }
}

const f0 = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));
const f1 = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(1) : n.toFixed(0));
const mark = (ok: boolean) => (ok ? "met" : "missed");

async function main() {
  let cluster: TestCluster | undefined;
  let databaseUrl = process.env.BENCH_SEARCH_DATABASE_URL;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    let seedSeconds = NaN;
    if (!databaseUrl) {
      cluster = await startTestCluster();
      databaseUrl = await createTestDatabase(cluster.adminUrl);
      await runMigrations({ databaseUrl });
      log("seeding 1,200,000 messages…");
      const t0 = performance.now();
      await seedSearchHistory(databaseUrl, log);
      seedSeconds = (performance.now() - t0) / 1000;
      log(`seeded in ${seedSeconds.toFixed(0)} s`);
    } else {
      await runMigrations({ databaseUrl });
    }

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-search-"));
    Object.assign(process.env, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    const { searchChats, toPrefixQuery } = await import("../../lib/chats/search-chats");
    const { pool } = await import("../../lib/db/client");
    const { config } = await import("../../lib/config");

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const rows: string[] = [];
    const verdicts: { kind: Kind["kind"]; q: string; p95: number }[] = [];
    try {
      for (const k of KINDS) {
        const tsquery = toPrefixQuery(k.q)!;
        await admin.query(`SET statement_timeout = 0`);
        const [{ count }] = (
          await admin.query<{ count: string }>(
            `SELECT count(*) FROM message m JOIN chat c ON c.id = m.chat_id
             WHERE c.user_id = $1 AND m.search @@ to_tsquery('simple', $2)`,
            [BENCH_USER, tsquery],
          )
        ).rows as [{ count: string }];

        await admin.query(`SET statement_timeout = ${OLD_CAP_MS}`);
        const oldTimes: number[] = [];
        let oldTimedOut = false;
        let oldIds: string[] = [];
        for (let i = 0; i < OLD_RUNS && !oldTimedOut; i++) {
          const t0 = performance.now();
          const r = await oldSearch(admin, BENCH_USER, tsquery);
          oldTimes.push(performance.now() - t0);
          oldTimedOut = r.timedOut;
          oldIds = r.chatIds;
        }

        await admin.query(`SET statement_timeout = ${RANK_CAP_MS}`);
        const rankTimes: number[] = [];
        let rankTimedOut = false;
        for (let i = 0; i < OLD_RUNS && !rankTimedOut; i++) {
          const t0 = performance.now();
          rankTimedOut = await rankedSearch(admin, BENCH_USER, tsquery);
          rankTimes.push(performance.now() - t0);
        }
        const ranked = rankTimedOut
          ? `> ${(RANK_CAP_MS / 1000).toFixed(0)} s (stopped)`
          : `${f0(percentile(rankTimes, 50))} / ${f0(percentile(rankTimes, 95))}`;

        const newTimes: number[] = [];
        let newIds: string[] = [];
        for (let i = 0; i < RUNS + 2; i++) {
          const t0 = performance.now();
          const hits = await searchChats({ userId: BENCH_USER, q: k.q });
          if (i >= 2) newTimes.push(performance.now() - t0);
          newIds = hits.map((h) => h.chatId);
        }
        const newP50 = percentile(newTimes, 50);
        const newP95 = percentile(newTimes, 95);
        const oldP50 = percentile(oldTimes, 50);
        const old = oldTimedOut
          ? `> ${(OLD_CAP_MS / 1000).toFixed(0)} s (stopped)`
          : `${f0(oldP50)} / ${f0(percentile(oldTimes, 95))}`;
        const ratio = oldTimedOut ? `> ${f0(OLD_CAP_MS / newP50)}×` : `${f1(oldP50 / newP50)}×`;
        const same = oldTimedOut ? "–" : JSON.stringify(oldIds) === JSON.stringify(newIds) ? "yes" : "NO";
        verdicts.push({ kind: k.kind, q: k.q, p95: newP95 });
        const row = `| \`${k.q}\` | ${k.kind}: ${k.what} | ${Number(count).toLocaleString("en")} | ${old} | ${ranked} | ${f1(newP50)} / ${f1(newP95)} | ${ratio} | ${newIds.length} | ${same} |`;
        rows.push(row);
        log(row);
      }
    } finally {
      await admin.end();
      await pool().end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

    const worst = (kinds: Kind["kind"][]) =>
      verdicts.filter((v) => kinds.includes(v.kind)).sort((a, b) => b.p95 - a.p95)[0]!;
    const oneWord = worst(["one word"]);
    const other = worst(["two words", "prefix"]);
    const section = [
      "## Search on a large history (`npm run bench:search`)",
      "",
      `${machineLine()}; PostgreSQL ${await serverVersion(databaseUrl)} on the same machine, load average ${os.loadavg()[0]!.toFixed(1)} at the end (the machine is shared)${Number.isNaN(seedSeconds) ? "" : `, seeded in ${seedSeconds.toFixed(0)} s`}.`,
      `One user with ${SEED.chats.toLocaleString("en")} chats × ${SEED.perChat} messages (1,000,000 messages of about 25 words, words drawn with a 1/rank law from a 5,000-word vocabulary, plus marker words), and ${SEED.otherUsers} other users with ${(SEED.otherUsers * SEED.otherChats * SEED.perChat).toLocaleString("en")} messages using the same words.`,
      `Each query as typed into the search box (every word is a prefix: \`the\` is \`the:*\`); times in ms for \`searchChats\` (the function behind GET /api/search, through the app's pool, round trip included), p50 / p95 of ${RUNS} runs after 2 warm-ups. Before: the query it replaced, ${OLD_RUNS} runs, stopped after ${OLD_CAP_MS / 1000} s. By rank instead: the page ordered by each chat's best ts_rank rather than by recency, without snippets, ${OLD_RUNS} runs, stopped after ${RANK_CAP_MS / 1000} s. Same page: the two return the same 20 chats in the same order. The app's statement timeout is ${config().statementTimeoutMs / 1000} s.`,
      "",
      "| query | kind | user's matching messages | before (ms) | by rank instead (ms) | after (ms) | speed-up (p50) | hits | same page |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
      `Targets: one word p95 ≤ ${TARGETS.oneWordMs} ms: ${mark(oneWord.p95 <= TARGETS.oneWordMs)} (worst \`${oneWord.q}\`, ${f1(oneWord.p95)} ms); ` +
        `two words and prefixes p95 ≤ ${TARGETS.otherMs} ms: ${mark(other.p95 <= TARGETS.otherMs)} (worst \`${other.q}\`, ${f1(other.p95)} ms).`,
      "",
    ].join("\n");
    process.stdout.write(`\n${section}\n`);
    writeBenchmarkSection(
      "## Search on a large history (`npm run bench:search`)",
      "### Reading the search figures",
      section,
    );
  } finally {
    await cluster?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
