import "server-only";
import { and, between, eq, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { db, schema } from "@/lib/db/client";
import { histogramMedian, TTFT_BUCKETS } from "./ttft-histogram";
import { splitByMonth, type UsageWindow } from "./usage-range";
import type { UsageTotals } from "@/lib/shared/admin-usage";

const d = schema.usageDaily;
const m = schema.usageMonthly;

type SummedColumns = {
  requests: AnyColumn | SQL.Aliased;
  errors: AnyColumn | SQL.Aliased;
  promptTokens: AnyColumn | SQL.Aliased;
  completionTokens: AnyColumn | SQL.Aliased;
  ttftHist: AnyColumn | SQL.Aliased;
};

/** The sums of counts and tokens over rollup rows. */
export function countsOf(rows: Omit<SummedColumns, "ttftHist">) {
  return {
    requests: sql<number>`sum(${rows.requests})::integer`.mapWith(Number),
    errors: sql<number>`sum(${rows.errors})::integer`.mapWith(Number),
    promptTokens: sql<number>`sum(${rows.promptTokens})::bigint`.mapWith(Number),
    completionTokens: sql<number>`sum(${rows.completionTokens})::bigint`.mapWith(Number),
  };
}

/**
 * The TTFT histograms summed, element by element and written out: no unnest,
 * so summing stays one pass over the rows. Its 41 sums a row are most of a
 * grouping's cost.
 */
export function histogramSumOf(rows: Pick<SummedColumns, "ttftHist">) {
  return sql<number[]>`ARRAY[${sql.join(
    Array.from({ length: TTFT_BUCKETS }, (_, i) => sql`sum(${rows.ttftHist}[${sql.raw(String(i + 1))}])`),
    sql`, `,
  )}]::integer[]`;
}

/** The sums every grouping shows: counts, tokens and the summed TTFT histogram. */
export function sumsOf(rows: SummedColumns) {
  return { ...countsOf(rows), ttftHist: histogramSumOf(rows) };
}

export const rollupSums = sumsOf(d);

export type UsageGrain = (typeof d.grain.enumValues)[number];

/** The usage_daily rows of one grain in the window (and source). */
export function inWindow(window: UsageWindow, grain: UsageGrain): SQL | undefined {
  return and(
    eq(d.grain, grain),
    between(d.day, window.from, window.to),
    window.source ? eq(d.source, window.source) : undefined,
  );
}

/**
 * The rollup rows that sum to the window at the model, user or key grain:
 * its whole calendar months from usage_monthly, its partial edge months day
 * by day from usage_daily (a year reads about 13 rows per user or key, not
 * 366). Group and sum them with sumsOf.
 */
export function rollupRows(window: UsageWindow, grain: "model" | "user" | "key") {
  const { months, days } = splitByMonth(window);
  const source = (table: typeof d | typeof m) =>
    window.source ? eq(table.source, window.source) : undefined;
  const daily = db()
    .select({
      model: d.model,
      userId: d.userId,
      keyPrefix: d.keyPrefix,
      requests: d.requests,
      errors: d.errors,
      promptTokens: d.promptTokens,
      completionTokens: d.completionTokens,
      ttftHist: d.ttftHist,
    })
    .from(d)
    .where(
      and(
        eq(d.grain, grain),
        days.length > 0 ? or(...days.map((r) => between(d.day, r.from, r.to))) : sql`false`,
        source(d),
      ),
    );
  if (!months) return daily.as("r");
  const monthly = db()
    .select({
      model: m.model,
      userId: m.userId,
      keyPrefix: m.keyPrefix,
      requests: m.requests,
      errors: m.errors,
      promptTokens: m.promptTokens,
      completionTokens: m.completionTokens,
      ttftHist: m.ttftHist,
    })
    .from(m)
    .where(and(eq(m.grain, grain), between(m.month, months.from, months.to), source(m)));
  return (days.length > 0 ? unionAll(daily, monthly) : monthly).as("r");
}

export type RollupSums = {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  ttftHist: number[];
};

export function totalsOf(row: RollupSums): UsageTotals {
  return {
    requests: row.requests,
    errors: row.errors,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    medianTtftMs: histogramMedian(row.ttftHist),
  };
}
