import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { USAGE_MAX_DAYS, USAGE_RANGES, USAGE_SOURCES, type UsageSource } from "@/lib/shared/admin-usage";

const DAY_MS = 24 * 60 * 60 * 1000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    // Refuses 2026-02-30, which Date would roll over into March.
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().slice(0, 10) === s &&
      s >= "2000-01-01" &&
      s <= "2999-12-31"
    );
  }, "a real date between 2000 and 2999");

/** The query string of /api/admin/usage and its CSV export. */
export const usageQuery = z.object({
  range: z.enum(USAGE_RANGES, "one of today, 7d, 30d, custom").default("7d"),
  from: isoDay.optional(),
  to: isoDay.optional(),
  // An empty source (the picker's "All") means both.
  source: z
    .union([z.enum(USAGE_SOURCES, "chat, api or empty for both"), z.literal("")])
    .optional()
    .transform((s) => s || null),
});

export interface UsageWindow {
  /** UTC days, both inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  source: UsageSource | null;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The UTC days a query covers. Days are UTC days everywhere in usage: the
 * rollup is kept per UTC day, so "today" is today in UTC.
 */
export function usageWindow(query: z.infer<typeof usageQuery>, now = Date.now()): UsageWindow {
  const today = dayOf(now);
  const source = query.source;
  if (query.range === "today") return { from: today, to: today, source };
  if (query.range === "7d") return { from: dayOf(now - 6 * DAY_MS), to: today, source };
  if (query.range === "30d") return { from: dayOf(now - 29 * DAY_MS), to: today, source };
  if (!query.from || !query.to) {
    throw new AppError("bad_request", "A custom range needs both from and to (YYYY-MM-DD).", {
      param: query.from ? "to" : "from",
    });
  }
  if (query.from > query.to) {
    throw new AppError("bad_request", "from: the range must start on or before its end (to).", {
      param: "from",
    });
  }
  if (daysIn(query.from, query.to) > USAGE_MAX_DAYS) {
    throw new AppError("bad_request", `to: a range can cover at most ${USAGE_MAX_DAYS} days.`, {
      param: "to",
    });
  }
  return { from: query.from, to: query.to, source };
}

/** How many days from..to covers, both inclusive. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every day of the window, oldest first. */
export function eachDay(window: { from: string; to: string }): string[] {
  const start = Date.parse(`${window.from}T00:00:00Z`);
  return Array.from({ length: daysIn(window.from, window.to) }, (_, i) => dayOf(start + i * DAY_MS));
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const addDays = (day: string, n: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
const firstOfNextMonth = (day: string) => firstOfMonth(addDays(firstOfMonth(day), 31));

/** Days from..to, both inclusive, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * A window cut where usage_monthly can answer: `months` are the first days of
 * the calendar months wholly inside it (null when there is none), `days` the
 * one or two spans at its edges that only part-cover a month. Together they
 * cover every day of the window exactly once.
 */
export function splitByMonth(window: DayRange): { months: DayRange | null; days: DayRange[] } {
  const firstWhole = window.from.endsWith("-01") ? window.from : firstOfNextMonth(window.from);
  const afterLastWhole = firstOfMonth(addDays(window.to, 1));
  if (firstWhole >= afterLastWhole) return { months: null, days: [{ from: window.from, to: window.to }] };
  const days: DayRange[] = [];
  if (window.from < firstWhole) days.push({ from: window.from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= window.to) days.push({ from: afterLastWhole, to: window.to });
  return { months: { from: firstWhole, to: firstOfMonth(addDays(afterLastWhole, -1)) }, days };
}
