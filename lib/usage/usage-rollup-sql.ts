import "server-only";
import { and, between, eq, sql, type SQL } from "drizzle-orm";
import { schema } from "@/lib/db/client";
import { histogramMedian, TTFT_BUCKETS } from "./ttft-histogram";
import type { UsageWindow } from "./usage-range";
import type { UsageTotals } from "@/lib/shared/admin-usage";

const d = schema.usageDaily;

/** The sums every grouping of usage_daily selects: counts, tokens and the summed TTFT histogram. */
export const rollupSums = {
  requests: sql<number>`sum(${d.requests})::integer`.mapWith(Number),
  errors: sql<number>`sum(${d.errors})::integer`.mapWith(Number),
  promptTokens: sql<number>`sum(${d.promptTokens})::bigint`.mapWith(Number),
  completionTokens: sql<number>`sum(${d.completionTokens})::bigint`.mapWith(Number),
  // Element by element, written out: no unnest, so summing stays one pass over the rows.
  ttftHist: sql<number[]>`ARRAY[${sql.raw(
    Array.from({ length: TTFT_BUCKETS }, (_, i) => `sum("usage_daily"."ttft_hist"[${i + 1}])`).join(", "),
  )}]::integer[]`,
};

export const requestsDesc = sql`sum(${d.requests}) DESC`;
/** Rows lowered to zero by deleted usage are left in place: groupings skip them. */
export const anyRequests = sql`sum(${d.requests}) > 0`;

export type UsageGrain = (typeof d.grain.enumValues)[number];

/** The rows of one grain in the window (and source). */
export function inWindow(window: UsageWindow, grain: UsageGrain): SQL | undefined {
  return and(
    eq(d.grain, grain),
    between(d.day, window.from, window.to),
    window.source ? eq(d.source, window.source) : undefined,
  );
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
