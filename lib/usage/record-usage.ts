import "server-only";
import { pool, type schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { queueCompletionEvents } from "@/lib/webhooks/queue-completion-events";

export type UsageRow = typeof schema.usageEvent.$inferInsert & {
  /** A /v1 reply's text for webhooks that opted into content; never written to usage_event. */
  content?: string;
};

/**
 * Usage rows are queued in memory and written in batches, off the request's
 * path: a response never waits for them, and a slow database costs rows in a
 * queue, not latency.
 */
const FLUSH_EVERY_MS = 1000;
const FLUSH_AT_ROWS = 200;
const MAX_QUEUED = 50_000;

const state = globalThis as unknown as {
  __hearthUsage?: { queue: UsageRow[]; timer?: NodeJS.Timeout; flushing?: Promise<void> };
};
const usage = (state.__hearthUsage ??= { queue: [] });

/**
 * One statement with a fixed text and one parameter (the rows as JSON), prepared
 * once per connection: building a 200-row insert with the query builder cost more
 * CPU than the requests it recorded. Omitted columns get the table's defaults.
 */
const INSERT_ROWS = `
INSERT INTO usage_event (created_at, user_id, key_prefix, source, endpoint, model, stream, status,
                         prompt_tokens, completion_tokens, ttft_ms, duration_ms)
SELECT coalesce(r.created_at, now()), r.user_id, r.key_prefix, r.source::usage_source, r.endpoint, r.model,
       coalesce(r.stream, false), r.status, coalesce(r.prompt_tokens, 0), coalesce(r.completion_tokens, 0),
       r.ttft_ms, r.duration_ms
FROM json_to_recordset($1::json) AS r(created_at timestamptz, user_id text, key_prefix text, source text,
  endpoint text, model text, stream boolean, status integer, prompt_tokens integer, completion_tokens integer,
  ttft_ms integer, duration_ms integer)`;

const asColumns = (row: UsageRow) => ({
  created_at: row.createdAt,
  user_id: row.userId,
  key_prefix: row.keyPrefix,
  source: row.source,
  endpoint: row.endpoint,
  model: row.model,
  stream: row.stream,
  status: row.status,
  prompt_tokens: row.promptTokens,
  completion_tokens: row.completionTokens,
  ttft_ms: row.ttftMs,
  duration_ms: row.durationMs,
});

export function recordUsage(row: UsageRow): void {
  if (usage.queue.length >= MAX_QUEUED) return;
  usage.queue.push(row);
  if (usage.queue.length >= FLUSH_AT_ROWS) void flushUsage();
  else usage.timer ??= setTimeout(() => void flushUsage(), FLUSH_EVERY_MS);
}

/** Writes everything queued so far (tests and shutdown call it directly). */
export async function flushUsage(): Promise<void> {
  if (usage.timer) clearTimeout(usage.timer);
  usage.timer = undefined;
  await usage.flushing;
  const rows = usage.queue.splice(0, usage.queue.length);
  if (rows.length === 0) return;
  usage.flushing = pool()
    .query({ name: "hearth-insert-usage", text: INSERT_ROWS, values: [JSON.stringify(rows.map(asColumns))] })
    // Webhooks hear of /v1 requests once their rows are committed (a filter in memory when none listen).
    .then(() => queueCompletionEvents(rows))
    .catch((err: unknown) => logger().warn({ err, rows: rows.length }, "could not record usage"))
    .finally(() => {
      usage.flushing = undefined;
    });
  await usage.flushing;
}
