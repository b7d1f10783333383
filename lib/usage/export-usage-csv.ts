import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { histogramMedian } from "./ttft-histogram";
import { eachDay, type UsageWindow } from "./usage-range";
import { inWindow } from "./usage-rollup-sql";

const d = schema.usageDaily;
const u = schema.user;
const k = schema.apiKey;

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
          name: u.name,
          email: u.email,
          keyPrefix: d.keyPrefix,
          keyName: sql<
            string | null
          >`(SELECT ${k.name} FROM ${k} WHERE ${k.userId} = ${d.userId} AND ${k.prefix} = ${d.keyPrefix} ORDER BY ${k.createdAt} DESC LIMIT 1)`,
          requests: d.requests,
          errors: d.errors,
          promptTokens: d.promptTokens,
          completionTokens: d.completionTokens,
          ttftHist: d.ttftHist,
        })
        .from(d)
        .leftJoin(u, eq(u.id, d.userId))
        .where(and(inWindow({ ...window, from: slice[0]!, to: slice.at(-1)! }, "all"), gt(d.requests, 0)))
        .orderBy(asc(d.day), asc(d.source), asc(d.model), asc(u.email), asc(d.keyPrefix));
      out.enqueue(
        encoder.encode(
          rows
            .map((r) =>
              csvLine([
                r.day,
                r.source,
                r.model,
                r.name,
                r.email,
                r.keyPrefix,
                r.keyName,
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
