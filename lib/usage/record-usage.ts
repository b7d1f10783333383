import "server-only";
import { db, schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

export type UsageRow = typeof schema.usageEvent.$inferInsert;

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
  usage.flushing = db()
    .insert(schema.usageEvent)
    .values(rows)
    .then(() => undefined)
    .catch((err: unknown) => logger().warn({ err, rows: rows.length }, "could not record usage"))
    .finally(() => {
      usage.flushing = undefined;
    });
  await usage.flushing;
}
