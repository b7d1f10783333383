/**
 * `npm run bench:admin`: the /admin/usage queries on 1,000,000 usage rows.
 * Seeds a throwaway PostgreSQL with 200 users (two API keys each) and
 * 1,000,000 usage_event rows over the last 120 days, written in INSERTs of
 * 10,000 rows as the app's batched writer does (the rollup trigger runs on
 * each), then vacuumed as autovacuum would; then times each query of the usage report (through the app's own
 * functions and pool) for each range, and side by side the same report read
 * straight from usage_event with percentile_cont (what the rollup replaces).
 * Prints a table and writes it to BENCHMARKS.md.
 *
 * BENCH_ADMIN_DATABASE_URL runs it on that database instead, seeding it
 * first if it has no usage yet (so that a second run skips the seeding).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runMigrations } from "../../lib/db/migrate";
import { createTestDatabase, startTestCluster, type TestCluster } from "../../tests/support/pg-harness";
import { machineLine, percentile, serverVersion, writeBenchmarkSection } from "./report";

const ROWS = 1_000_000;
const BATCH = 10_000;
const USERS = 200;
const MODELS = 12;
const SPAN_DAYS = 120;
const RUNS = Number(process.env.BENCH_ADMIN_RUNS ?? 20);
const RAW_RUNS = 2;
const RAW_CAP_MS = 15_000;
const TARGET_MS = 200;
const HEADING = "## Usage analytics (`npm run bench:admin`)";
const NOTES = "### Reading the usage figures";

async function seed(url: string, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT setseed(0.42)`);
    await client.query(
      `INSERT INTO "user" (id, name, email)
       SELECT 'bench-user-' || i, 'Bench user ' || i, 'bench' || i || '@example.com' FROM generate_series(1, $1) i`,
      [USERS],
    );
    await client.query(
      `INSERT INTO api_key (user_id, name, prefix, hash)
       SELECT 'bench-user-' || u, 'key ' || k, 'sk-hearth-' || lpad(u::text, 3, '0') || k, md5(u || '-' || k)
       FROM generate_series(1, $1) u, generate_series(1, 2) k`,
      [USERS],
    );
    // A few heavy users (1 + 200·r²), each mostly on three neighbouring models; 60% through keys;
    // 3% errors without a first token; first tokens mostly 0.1-0.5 s with a long tail.
    for (let done = 0; done < ROWS; done += BATCH) {
      await client.query(
        `INSERT INTO usage_event (created_at, user_id, key_prefix, source, endpoint, model, stream, status,
           prompt_tokens, completion_tokens, ttft_ms, duration_ms)
         SELECT now() - random() * interval '${SPAN_DAYS} days', 'bench-user-' || u,
           CASE WHEN api THEN 'sk-hearth-' || lpad(u::text, 3, '0') || (1 + (random() < 0.3)::int) END,
           (CASE WHEN api THEN 'api' ELSE 'chat' END)::usage_source,
           CASE WHEN api THEN '/v1/chat/completions' ELSE 'chat' END,
           'model-' || ((u + floor(3 * power(random(), 2))::int) % ${MODELS}), true,
           CASE WHEN err THEN (ARRAY[429, 500, 502])[1 + floor(random() * 3)::int] ELSE 200 END,
           50 + floor(random() * 2000)::int, CASE WHEN err THEN 0 ELSE 20 + floor(random() * 800)::int END,
           CASE WHEN err THEN NULL ELSE 80 + floor(400 * random() + 4000 * power(random(), 8))::int END,
           500 + floor(random() * 20000)::int
         FROM (
           SELECT 1 + floor(${USERS} * power(random(), 2))::int AS u, random() < 0.6 AS api, random() < 0.03 AS err
           FROM generate_series(1, ${BATCH})
         ) s`,
      );
      if ((done + BATCH) % 200_000 === 0) log(`  ${(done + BATCH).toLocaleString("en")} rows`);
    }
    // What autovacuum does on a live instance after such a load: the upserts leave dead row versions.
    await client.query(`VACUUM ANALYZE`);
  } finally {
    await client.end();
  }
}

async function hasUsage(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT 1 FROM usage_event LIMIT 1`)).rowCount! > 0;
  } finally {
    await client.end();
  }
}

/** The report straight from usage_event: the same groupings, exact medians. */
const RAW_SQL = {
  days: `SELECT (created_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE status >= 400),
    sum(prompt_tokens), sum(completion_tokens), percentile_cont(0.5) WITHIN GROUP (ORDER BY ttft_ms)
    FROM usage_event WHERE created_at >= $1 AND created_at < $2 GROUP BY 1`,
  models: `SELECT model, count(*), count(*) FILTER (WHERE status >= 400), sum(prompt_tokens), sum(completion_tokens),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ttft_ms)
    FROM usage_event WHERE created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 2 DESC LIMIT 100`,
  users: `SELECT e.user_id, u.name, u.email, count(*), count(*) FILTER (WHERE status >= 400), sum(prompt_tokens),
    sum(completion_tokens), percentile_cont(0.5) WITHIN GROUP (ORDER BY ttft_ms)
    FROM usage_event e LEFT JOIN "user" u ON u.id = e.user_id
    WHERE e.created_at >= $1 AND e.created_at < $2 GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 100`,
  keys: `SELECT user_id, key_prefix, count(*), count(*) FILTER (WHERE status >= 400), sum(prompt_tokens),
    sum(completion_tokens), percentile_cont(0.5) WITHIN GROUP (ORDER BY ttft_ms)
    FROM usage_event WHERE created_at >= $1 AND created_at < $2 AND key_prefix IS NOT NULL
    GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 100`,
} as const;

const f1 = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(1) : n.toFixed(0));

async function time(runs: number, warmups: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + warmups; i++) {
    const t0 = performance.now();
    await fn();
    if (i >= warmups) times.push(performance.now() - t0);
  }
  return times;
}

async function main() {
  let cluster: TestCluster | undefined;
  let databaseUrl = process.env.BENCH_ADMIN_DATABASE_URL;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    let seedSeconds = NaN;
    if (!databaseUrl) {
      cluster = await startTestCluster();
      databaseUrl = await createTestDatabase(cluster.adminUrl);
    }
    await runMigrations({ databaseUrl });
    if (!(await hasUsage(databaseUrl))) {
      log(`seeding ${ROWS.toLocaleString("en")} usage rows…`);
      const t0 = performance.now();
      await seed(databaseUrl, log);
      seedSeconds = (performance.now() - t0) / 1000;
      log(`seeded in ${seedSeconds.toFixed(0)} s`);
    }

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-admin-"));
    Object.assign(process.env, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    const { usageQueries, getUsageReport } = await import("../../lib/usage/get-usage-report");
    const { exportUsageCsv } = await import("../../lib/usage/export-usage-csv");
    const { usageWindow, splitByMonth, eachDay } = await import("../../lib/usage/usage-range");
    const { pool } = await import("../../lib/db/client");

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const counts = (
      await admin.query<{ events: string; rollup: string; monthly: string }>(
        `SELECT (SELECT count(*) FROM usage_event) AS events, (SELECT count(*) FROM usage_daily) AS rollup,
           (SELECT count(*) FROM usage_monthly) AS monthly`,
      )
    ).rows[0]!;

    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const now = new Date();
    const the28th = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (now.getUTCDate() < 28 ? 1 : 0), 28),
    )
      .toISOString()
      .slice(0, 10);
    const dayBefore = (day: string, n: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const ranges = [
      { label: "today", window: usageWindow({ range: "today", source: null }) },
      { label: "7 days", window: usageWindow({ range: "7d", source: null }) },
      { label: "30 days", window: usageWindow({ range: "30d", source: null }) },
      {
        label: "366 days (custom)",
        window: usageWindow({ range: "custom", from: yearAgo, to: today, source: null }),
      },
      // A year ending on a 28th reads its last 28 days from the daily rows: the monthly rollup's worst case.
      {
        label: "366 days to a 28th",
        window: usageWindow({ range: "custom", from: dayBefore(the28th, 365), to: the28th, source: null }),
      },
    ];

    const header = ["query", ...ranges.map((r) => r.label)];
    const table: string[][] = [];
    const rollupRows: string[] = [];
    let worst = { what: "", p95: 0 };
    const cell = (times: number[], what: string) => {
      const p95 = percentile(times, 95);
      if (p95 > worst.p95) worst = { what, p95 };
      return `${f1(percentile(times, 50))} / ${f1(p95)}`;
    };
    try {
      for (const r of ranges) {
        // What the user table reads: whole months from usage_monthly, the edge days from usage_daily.
        const { months, days } = splitByMonth(r.window);
        const [{ n }] = (
          await admin.query<{ n: string }>(
            `SELECT (SELECT count(*) FROM usage_daily WHERE grain = 'user' AND day = ANY($1::date[]))
               + (SELECT count(*) FROM usage_monthly WHERE grain = 'user' AND month BETWEEN $2 AND $3) AS n`,
            [days.flatMap((d) => eachDay(d)), months?.from ?? "infinity", months?.to ?? "-infinity"],
          )
        ).rows as [{ n: string }];
        const [{ e }] = (
          await admin.query<{ e: string }>(
            `SELECT count(*) AS e FROM usage_event WHERE created_at >= $1::date AND created_at < $2::date + 1`,
            [r.window.from, r.window.to],
          )
        ).rows as [{ e: string }];
        rollupRows.push(
          `${r.label}: ${Number(e).toLocaleString("en")} events, the user table reads ${Number(n).toLocaleString("en")} rollup rows`,
        );
      }
      for (const name of ["days", "models", "users", "keys"] as const) {
        const row = [`${name} (rollup)`];
        for (const r of ranges)
          row.push(cell(await time(RUNS, 2, () => usageQueries[name](r.window)), `${name}, ${r.label}`));
        table.push(row);
        log(`| ${row.join(" | ")} |`);
      }
      const report = ["whole report (4 side by side)"];
      for (const r of ranges)
        report.push(cell(await time(RUNS, 2, () => getUsageReport(r.window)), `report, ${r.label}`));
      table.push(report);
      log(`| ${report.join(" | ")} |`);
      const csv = ["CSV export, whole file"];
      for (const r of ranges) {
        const times = await time(Math.min(RUNS, 5), 1, async () => {
          const reader = exportUsageCsv(r.window).getReader();
          while (!(await reader.read()).done);
        });
        csv.push(`${f1(percentile(times, 50))} / ${f1(percentile(times, 95))}`);
      }
      table.push(csv);
      log(`| ${csv.join(" | ")} |`);

      await admin.query(`SET statement_timeout = ${RAW_CAP_MS}`);
      for (const name of ["days", "models", "users", "keys"] as const) {
        const row = [`${name} from usage_event (before)`];
        for (const r of ranges) {
          const args = [
            `${r.window.from}T00:00:00Z`,
            new Date(Date.parse(`${r.window.to}T00:00:00Z`) + 86_400_000).toISOString(),
          ];
          try {
            const times = await time(RAW_RUNS, 0, () => admin.query(RAW_SQL[name], args));
            row.push(`${f1(percentile(times, 50))} / ${f1(percentile(times, 95))}`);
          } catch (err) {
            if ((err as { code?: string }).code !== "57014") throw err;
            row.push(`> ${RAW_CAP_MS / 1000} s (stopped)`);
          }
        }
        table.push(row);
        log(`| ${row.join(" | ")} |`);
      }
    } finally {
      await admin.end();
      await pool().end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

    const section = [
      HEADING,
      "",
      `${machineLine()}; PostgreSQL ${await serverVersion(databaseUrl)} on the same machine, load average ${os.loadavg()[0]!.toFixed(1)} at the end (the machine is shared)${Number.isNaN(seedSeconds) ? "" : `, seeded in ${seedSeconds.toFixed(0)} s`}.`,
      `${Number(counts.events).toLocaleString("en")} usage_event rows over the last ${SPAN_DAYS} days (${USERS} users with 2 API keys each, a few heavy users, each mostly on 3 of ${MODELS} models, 60% through keys, 3% errors), written in INSERTs of ${BATCH.toLocaleString("en")}; the triggers kept ${Number(counts.rollup).toLocaleString("en")} usage_daily and ${Number(counts.monthly).toLocaleString("en")} usage_monthly rows. Per range: ${rollupRows.join("; ")}.`,
      `Times in ms, p50 / p95 of ${RUNS} runs after 2 warm-ups, through the app's functions and pool (round trip included; the CSV export 5 runs, the whole file read). "Before": the same grouping read straight from usage_event with exact medians (percentile_cont), ${RAW_RUNS} runs, stopped after ${RAW_CAP_MS / 1000} s.`,
      "",
      `| ${header.join(" | ")} |`,
      `| ${header.map(() => "---").join(" | ")} |`,
      ...table.map((row) => `| ${row.join(" | ")} |`),
      "",
      `Target: every report query p95 ≤ ${TARGET_MS} ms: ${worst.p95 <= TARGET_MS ? "met" : "missed"} (worst: ${worst.what}, ${f1(worst.p95)} ms).`,
      "",
    ].join("\n");
    process.stdout.write(`\n${section}\n`);
    writeBenchmarkSection(HEADING, NOTES, section);
  } finally {
    await cluster?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
