import "server-only";
import { inArray, isNull, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { USAGE_TOP_LIMIT, type UsageDay, type UsageReport } from "@/lib/shared/admin-usage";
import { TTFT_BUCKETS } from "./ttft-histogram";
import { usageNames } from "./usage-names";
import { eachDay, type UsageWindow } from "./usage-range";
import {
  countsOf,
  histogramSumOf,
  inWindow,
  rollupRows,
  rollupSums,
  sumsOf,
  totalsOf,
  type RollupSums,
} from "./usage-rollup-sql";

const d = schema.usageDaily;

/** The four groupings of the report, one query each (exported for the benchmark). */
export const usageQueries = {
  days: (window: UsageWindow) =>
    db()
      .select({ day: d.day, ...rollupSums })
      .from(d)
      .where(inWindow(window, "day"))
      .groupBy(d.day),
  models: (window: UsageWindow) => {
    const r = rollupRows(window, "model");
    return (
      db()
        .select({ model: r.model, ...sumsOf(r) })
        .from(r)
        .groupBy(r.model)
        // Rows lowered to zero by deleted usage stay in place: groupings skip them.
        .having(sql`sum(${r.requests}) > 0`)
        .orderBy(sql`sum(${r.requests}) DESC`, r.model)
        .limit(USAGE_TOP_LIMIT)
    );
  },
  // Grouped on the rollup's own columns only (hashed, no sort of the rows); names come after.
  users: async (window: UsageWindow) => {
    const r = rollupRows(window, "user");
    const top = await db()
      .select({ userId: r.userId, ...countsOf(r) })
      .from(r)
      .groupBy(r.userId)
      .having(sql`sum(${r.requests}) > 0`)
      .orderBy(sql`sum(${r.requests}) DESC`, r.userId)
      .limit(USAGE_TOP_LIMIT);
    const h = rollupRows(window, "user");
    const hists = await db()
      .select({ userId: h.userId, ttftHist: histogramSumOf(h) })
      .from(h)
      .where(
        oneOf(
          h.userId,
          top.map((row) => row.userId),
        ),
      )
      .groupBy(h.userId);
    return withHistograms(top, hists, (row) => String(row.userId));
  },
  keys: async (window: UsageWindow) => {
    const r = rollupRows(window, "key");
    const top = await db()
      .select({ userId: r.userId, keyPrefix: sql<string>`${r.keyPrefix}`, ...countsOf(r) })
      .from(r)
      .groupBy(r.userId, r.keyPrefix)
      .having(sql`sum(${r.requests}) > 0`)
      .orderBy(sql`sum(${r.requests}) DESC`, r.keyPrefix)
      .limit(USAGE_TOP_LIMIT);
    const h = rollupRows(window, "key");
    const hists = await db()
      .select({ userId: h.userId, keyPrefix: sql<string>`${h.keyPrefix}`, ttftHist: histogramSumOf(h) })
      .from(h)
      .where(
        oneOf(
          h.keyPrefix,
          top.map((row) => row.keyPrefix),
        ),
      )
      .groupBy(h.userId, h.keyPrefix);
    return withHistograms(top, hists, (row) => `${row.userId} ${row.keyPrefix}`);
  },
};

/** The rows whose column is one of the values (null included). */
function oneOf(column: SQL.Aliased | AnyColumn, values: (string | null)[]): SQL {
  const given = values.filter((v) => v !== null);
  return (
    or(
      given.length > 0 ? inArray(column as AnyColumn, given) : undefined,
      values.includes(null) ? isNull(column) : undefined,
    ) ?? sql`false`
  );
}

/**
 * The top rows with their TTFT histograms, summed in a second pass for these
 * rows only: a histogram is 41 sums a rollup row, most of a grouping's cost,
 * and only the rows shown need one.
 */
function withHistograms<T, H extends { ttftHist: number[] }>(
  top: T[],
  hists: H[],
  keyOf: (row: T | H) => string,
): (T & { ttftHist: number[] })[] {
  const byKey = new Map(hists.map((row) => [keyOf(row), row.ttftHist]));
  return top.map((row) => ({
    ...row,
    ttftHist: byKey.get(keyOf(row)) ?? new Array<number>(TTFT_BUCKETS).fill(0),
  }));
}

/**
 * Usage over a window of UTC days, from the daily and monthly rollups: per day (and the
 * totals), per model, per user and per API key, most requests first. The
 * four groupings run side by side.
 */
export async function getUsageReport(window: UsageWindow): Promise<UsageReport> {
  const [days, models, users, keys] = await Promise.all([
    usageQueries.days(window),
    usageQueries.models(window),
    usageQueries.users(window),
    usageQueries.keys(window),
  ]);

  const names = await usageNames(
    [...users, ...keys].map((row) => row.userId),
    keys.length > 0,
  );
  const byDay = new Map(days.map((row) => [row.day, row]));
  const total: RollupSums = {
    requests: 0,
    errors: 0,
    promptTokens: 0,
    completionTokens: 0,
    ttftHist: new Array<number>(TTFT_BUCKETS).fill(0),
  };
  const dayRows: UsageDay[] = eachDay(window).map((day) => {
    const row = byDay.get(day);
    if (!row)
      return { day, requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, medianTtftMs: null };
    total.requests += row.requests;
    total.errors += row.errors;
    total.promptTokens += row.promptTokens;
    total.completionTokens += row.completionTokens;
    row.ttftHist.forEach((n, i) => (total.ttftHist[i]! += n));
    return { day, ...totalsOf(row) };
  });

  return {
    from: window.from,
    to: window.to,
    source: window.source,
    totals: totalsOf(total),
    days: dayRows,
    models: models.map(({ model, ...sums }) => ({ model, ...totalsOf(sums) })),
    users: users.map(({ userId, ...sums }) => ({
      userId,
      name: names.user(userId)?.name ?? null,
      email: names.user(userId)?.email ?? null,
      ...totalsOf(sums),
    })),
    keys: keys.map(({ keyPrefix, userId, ...sums }) => ({
      keyPrefix,
      keyName: names.key(userId, keyPrefix),
      userId,
      email: names.user(userId)?.email ?? null,
      ...totalsOf(sums),
    })),
  };
}
