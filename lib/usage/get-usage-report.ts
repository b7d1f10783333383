import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { USAGE_TOP_LIMIT, type UsageDay, type UsageReport } from "@/lib/shared/admin-usage";
import { TTFT_BUCKETS } from "./ttft-histogram";
import { eachDay, type UsageWindow } from "./usage-range";
import {
  anyRequests,
  inWindow,
  requestsDesc,
  rollupSums,
  totalsOf,
  type RollupSums,
} from "./usage-rollup-sql";

const d = schema.usageDaily;
const u = schema.user;
const k = schema.apiKey;

/** The four groupings of the report, one query each (exported for the benchmark). */
export const usageQueries = {
  days: (window: UsageWindow) =>
    db()
      .select({ day: d.day, ...rollupSums })
      .from(d)
      .where(inWindow(window, "day"))
      .groupBy(d.day),
  models: (window: UsageWindow) =>
    db()
      .select({ model: d.model, ...rollupSums })
      .from(d)
      .where(inWindow(window, "model"))
      .groupBy(d.model)
      .having(anyRequests)
      .orderBy(requestsDesc, d.model)
      .limit(USAGE_TOP_LIMIT),
  users: (window: UsageWindow) =>
    db()
      .select({ userId: d.userId, name: u.name, email: u.email, ...rollupSums })
      .from(d)
      .leftJoin(u, eq(u.id, d.userId))
      .where(inWindow(window, "user"))
      .groupBy(d.userId, u.name, u.email)
      .having(anyRequests)
      .orderBy(requestsDesc, u.email)
      .limit(USAGE_TOP_LIMIT),
  keys: (window: UsageWindow) =>
    db()
      .select({
        keyPrefix: sql<string>`${d.keyPrefix}`,
        userId: d.userId,
        email: u.email,
        // Prefixes are short; the owner's newest key with it is the one meant.
        keyName: sql<
          string | null
        >`(SELECT ${k.name} FROM ${k} WHERE ${k.userId} = ${d.userId} AND ${k.prefix} = ${d.keyPrefix} ORDER BY ${k.createdAt} DESC LIMIT 1)`,
        ...rollupSums,
      })
      .from(d)
      .leftJoin(u, eq(u.id, d.userId))
      .where(inWindow(window, "key"))
      .groupBy(d.userId, d.keyPrefix, u.email)
      .having(anyRequests)
      .orderBy(requestsDesc, d.keyPrefix)
      .limit(USAGE_TOP_LIMIT),
};

/**
 * Usage over a window of UTC days, from the daily rollup: per day (and the
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
    users: users.map(({ userId, name, email, ...sums }) => ({ userId, name, email, ...totalsOf(sums) })),
    keys: keys.map(({ keyPrefix, keyName, userId, email, ...sums }) => ({
      keyPrefix,
      keyName,
      userId,
      email,
      ...totalsOf(sums),
    })),
  };
}
