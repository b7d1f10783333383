import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

/** The audit log keeps at least this much history. */
export const AUDIT_RETENTION_DAYS = 90;
const BATCH = 1_000;

/**
 * Deletes audit rows older than the retention period, a thousand at a time,
 * each batch its own short statement: a huge backlog never holds a long lock
 * or a long transaction. Returns how many went.
 */
export async function pruneAuditLog(input: { now?: Date; batchSize?: number } = {}): Promise<number> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - AUDIT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const batch = input.batchSize ?? BATCH;
  let total = 0;
  for (;;) {
    const result = await db().execute(sql`
      DELETE FROM audit_log WHERE id IN (
        SELECT id FROM audit_log WHERE created_at < ${cutoff} ORDER BY created_at LIMIT ${batch}
      )`);
    const deleted = result.rowCount ?? 0;
    total += deleted;
    if (deleted < batch) return total;
  }
}
