/**
 * The usage report reads whole months from usage_monthly and only its edge
 * days from usage_daily (drizzle/0012). Its figures must be exactly those
 * summed straight from usage_event, for usage recorded before the migration
 * (the backfill) and after it (the triggers), across month boundaries, and
 * after usage is deleted.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it, inject } from "vitest";
import { runMigrations } from "@/lib/db/migrate";
import { histogramMedian, TTFT_BUCKET_EDGES_MS, TTFT_BUCKETS } from "@/lib/usage/ttft-histogram";
import type { UsageReport, UsageTotals } from "@/lib/shared/admin-usage";
import type { UsageWindow } from "@/lib/usage/usage-range";
import { createTestDatabase } from "../support/pg-harness";
import { query } from "../support/query";
import { seedUser } from "../support/seed";
import { tempDir } from "../support/temp";

let databaseUrl: string;
let getUsageReport: (window: UsageWindow) => Promise<UsageReport>;
const users: string[] = [];

interface Event {
  created_at: Date;
  user_id: string | null;
  key_prefix: string | null;
  source: "api" | "chat";
  model: string | null;
  status: number;
  prompt_tokens: number;
  completion_tokens: number;
  ttft_ms: number | null;
}

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * `count` events between `from` and `to` (ISO instants), plus one a millisecond
 * either side of each UTC month boundary inside, written as one INSERT.
 */
async function insertEvents(seed: number, count: number, from: string, to: string) {
  const random = lcg(seed);
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  const instants = Array.from({ length: count }, () => start + Math.floor(random() * span));
  for (let t = new Date(start); t.getTime() < start + span;) {
    t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
    if (t.getTime() < start + span) instants.push(t.getTime() - 1, t.getTime());
  }
  const values: unknown[] = [];
  const tuples = instants.map((at, i) => {
    const user = users[Math.floor(random() * users.length)]!;
    const api = random() < 0.6;
    const error = random() < 0.1;
    values.push(
      new Date(at).toISOString(),
      user,
      api ? `sk-hearth-${user.slice(0, 4)}${random() < 0.5 ? "a" : "b"}` : null,
      api ? "api" : "chat",
      random() < 0.05 ? null : `model-${Math.floor(random() * 4)}`,
      error ? 500 : 200,
      Math.floor(random() * 500),
      error ? 0 : Math.floor(random() * 300),
      error || random() < 0.1 ? null : 40 + Math.floor(random() ** 3 * 6000),
    );
    const p = (n: number) => `$${i * 9 + n}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'test', ${p(5)}, false, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, 10)`;
  });
  // A session far from UTC: the rollups' days and months are UTC ones all the same.
  const client = new pg.Client({ connectionString: databaseUrl, options: "-c timezone=Pacific/Auckland" });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO usage_event (created_at, user_id, key_prefix, source, endpoint, model, stream, status,
         prompt_tokens, completion_tokens, ttft_ms, duration_ms) VALUES ${tuples.join(", ")}`,
      values,
    );
  } finally {
    await client.end();
  }
}

function histogramOf(ttfts: (number | null)[]): number[] {
  const hist = new Array<number>(TTFT_BUCKETS).fill(0);
  for (const ms of ttfts) {
    if (ms === null) continue;
    const bucket = TTFT_BUCKET_EDGES_MS.findIndex((edge) => ms < edge);
    hist[bucket === -1 ? TTFT_BUCKETS - 1 : bucket]! += 1;
  }
  return hist;
}

function totalsOf(events: Event[]): UsageTotals {
  return {
    requests: events.length,
    errors: events.filter((e) => e.status >= 400).length,
    promptTokens: events.reduce((sum, e) => sum + e.prompt_tokens, 0),
    completionTokens: events.reduce((sum, e) => sum + e.completion_tokens, 0),
    medianTtftMs: histogramMedian(histogramOf(events.map((e) => e.ttft_ms))),
  };
}

function groupTotals(events: Event[], keyOf: (e: Event) => string | null): Record<string, UsageTotals> {
  const groups = new Map<string, Event[]>();
  for (const e of events) {
    const key = keyOf(e);
    if (key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return Object.fromEntries([...groups].map(([key, group]) => [key, totalsOf(group)]));
}

const totals = ({ requests, errors, promptTokens, completionTokens, medianTtftMs }: UsageTotals) => ({
  requests,
  errors,
  promptTokens,
  completionTokens,
  medianTtftMs,
});

/** The report's figures for the window, beside the same figures summed from usage_event. */
async function reportAndExpected(window: UsageWindow) {
  const events = (
    await query<Event>(
      databaseUrl,
      `SELECT * FROM usage_event WHERE created_at >= $1 AND created_at < $2 AND ($3::usage_source IS NULL OR source = $3)`,
      [
        `${window.from}T00:00:00Z`,
        new Date(Date.parse(`${window.to}T00:00:00Z`) + 86_400_000).toISOString(),
        window.source,
      ],
    )
  ).map((e) => ({ ...e, created_at: new Date(e.created_at) }));
  const report = await getUsageReport(window);
  return {
    events: events.length,
    actual: {
      totals: totals(report.totals),
      days: Object.fromEntries(report.days.filter((d) => d.requests > 0).map((d) => [d.day, totals(d)])),
      models: Object.fromEntries(report.models.map((m) => [String(m.model), totals(m)])),
      users: Object.fromEntries(report.users.map((u) => [String(u.userId), totals(u)])),
      keys: Object.fromEntries(report.keys.map((k) => [`${k.userId} ${k.keyPrefix}`, totals(k)])),
    },
    expected: {
      totals: totalsOf(events),
      days: groupTotals(events, (e) => e.created_at.toISOString().slice(0, 10)),
      models: groupTotals(events, (e) => String(e.model)),
      users: groupTotals(events, (e) => String(e.user_id)),
      keys: groupTotals(events, (e) => (e.key_prefix === null ? null : `${e.user_id} ${e.key_prefix}`)),
    },
  };
}

const WINDOWS: [string, string][] = [
  ["2025-01-20", "2025-04-10"], // edge days either side of two whole months
  ["2025-02-01", "2025-03-31"], // whole months only
  ["2025-02-15", "2025-03-14"], // across a boundary without a whole month
  ["2025-01-31", "2025-02-01"], // the two days either side of a boundary
  ["2025-02-01", "2025-02-28"], // one whole month
  ["2025-03-01", "2025-04-30"], // ends in the month still being written
  ["2024-12-01", "2025-12-01"], // 366 days: every event
];

async function expectReportsMatchEvents() {
  for (const [from, to] of WINDOWS) {
    for (const source of [null, "api", "chat"] as const) {
      const { events, actual, expected } = await reportAndExpected({ from, to, source });
      expect(events, `${from}..${to} ${source}`).toBeGreaterThan(0);
      expect(actual, `${from}..${to} ${source ?? "both"}`).toEqual(expected);
    }
  }
}

beforeAll(async () => {
  databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: tempDir("data"),
    LOG_LEVEL: "silent",
    OLLAMA_BASE_URL: "http://127.0.0.1:9",
  });

  // Usage recorded before 0012 is summed into usage_monthly by the migration itself.
  const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as {
    entries: { tag: string }[];
  };
  const before0012 = tempDir("migrations");
  fs.cpSync("drizzle", before0012, { recursive: true });
  fs.writeFileSync(
    path.join(before0012, "meta/_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.tag < "0012") }),
  );
  await runMigrations({ databaseUrl, migrationsFolder: before0012 });
  for (let i = 0; i < 5; i++) users.push((await seedUser(databaseUrl)).id);
  await insertEvents(1, 600, "2025-01-15T00:00:00Z", "2025-03-20T00:00:00Z");

  await runMigrations({ databaseUrl });
  // And what is recorded afterwards, by the triggers, in several INSERTs that merge into existing rows.
  await insertEvents(2, 500, "2025-01-25T00:00:00Z", "2025-04-20T00:00:00Z");
  await insertEvents(3, 300, "2025-02-20T00:00:00Z", "2025-03-10T00:00:00Z");
  await insertEvents(4, 50, "2025-03-31T23:00:00Z", "2025-04-01T01:00:00Z");

  ({ getUsageReport } = await import("@/lib/usage/get-usage-report"));
});

describe("the usage report over whole and partial months", () => {
  it("has the backfill summed into monthly rows", async () => {
    const [row] = await query<{ n: string }>(databaseUrl, `SELECT count(*) AS n FROM usage_monthly`);
    expect(Number(row!.n)).toBeGreaterThan(0);
  });

  it("gives exactly the totals, days, models, users, keys and median TTFTs summed from usage_event", async () => {
    await expectReportsMatchEvents();
  });

  it("still does after a user is deleted (their usage going with them) and other usage is deleted", async () => {
    await query(databaseUrl, `DELETE FROM "user" WHERE id = $1`, [users[0]]);
    await query(databaseUrl, `DELETE FROM usage_event WHERE id % 5 = 0`);
    const [gone] = await query<{ n: string }>(
      databaseUrl,
      `SELECT count(*) AS n FROM usage_event WHERE user_id = $1`,
      [users[0]],
    );
    expect(Number(gone!.n)).toBe(0);
    await expectReportsMatchEvents();
    const report = await getUsageReport({ from: "2024-12-01", to: "2025-12-01", source: null });
    expect(report.users.map((u) => u.userId)).not.toContain(users[0]);
  });
});
