import "server-only";
import { and, asc, gt } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { histogramMedian } from "./ttft-histogram";
import { usageNames } from "./usage-names";
import { eachDay, type UsageWindow } from "./usage-range";
import { inWindow } from "./usage-rollup-sql";

const d = schema.usageDaily;

const HEADER = [
  "date",
  "source",
  "model",
  "user_name",
  "user_email",
  "key_prefix",
  "key_name",
  "requests",
  "errors",
  "prompt_tokens",
  "completion_tokens",
  "median_ttft_ms",
];
/** Days read per query, so a year's export never sits in memory at once. */
const DAYS_PER_PAGE = 31;

/**
 * One CSV cell. Quoted when it holds a comma, quote or line break; a cell a
 * spreadsheet would run as a formula (= + - @, or a tab or carriage return
 * first) gets a leading ' so that it stays text (OWASP's CSV injection advice).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(",")}\r\n`;

/**
 * The window's usage per day, source, model, user and key (the rollup's own
 * grain), as CSV, streamed a month at a time.
 */
export function exportUsageCsv(window: UsageWindow): ReadableStream<Uint8Array> {
  const days = eachDay(window);
  const encoder = new TextEncoder();
  let page = -1;
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      if (page === -1) {
        page = 0;
        out.enqueue(encoder.encode(csvLine(HEADER)));
        return;
      }
      const slice = days.slice(page * DAYS_PER_PAGE, (page + 1) * DAYS_PER_PAGE);
      if (slice.length === 0) return out.close();
      page++;
      const rows = await db()
        .select({
          day: d.day,
          source: d.source,
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
        .where(and(inWindow({ ...window, from: slice[0]!, to: slice.at(-1)! }, "all"), gt(d.requests, 0)))
        .orderBy(asc(d.day), asc(d.source), asc(d.model), asc(d.userId), asc(d.keyPrefix));
      const names = await usageNames(
        rows.map((r) => r.userId),
        rows.some((r) => r.keyPrefix !== null),
      );
      out.enqueue(
        encoder.encode(
          rows
            .map((r) =>
              csvLine([
                r.day,
                r.source,
                r.model,
                names.user(r.userId)?.name ?? null,
                names.user(r.userId)?.email ?? null,
                r.keyPrefix,
                r.keyPrefix === null ? null : names.key(r.userId, r.keyPrefix),
                r.requests,
                r.errors,
                r.promptTokens,
                r.completionTokens,
                histogramMedian(r.ttftHist),
              ]),
            )
            .join(""),
        ),
      );
    },
  });
}
