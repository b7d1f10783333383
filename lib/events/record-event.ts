import "server-only";
import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

/** What happened; webhooks (lib/webhooks) deliver the types they know. */
export type AppEventType =
  | "model.pull.completed"
  | "model.pull.failed"
  | "model.deleted"
  | "user.created"
  | "user.deleted"
  | "chat.message.completed"
  | "chat.completion.completed";

/** The job that turns recorded events into webhook deliveries (lib/webhooks/job-queue.ts). */
export const FAN_OUT_TASK = "webhooks.fan_out";

/**
 * Records an event in the outbox (app_event) and, when an enabled webhook
 * listens for its type, queues the job that delivers it, in the same
 * statement: inside `tx` both commit with the change the event describes.
 * Outside one, a failure is logged and swallowed. `userId`: whose event it
 * is (their webhooks hear it); none for instance events (admins' webhooks).
 */
export async function recordEvent(
  type: AppEventType,
  payload: Record<string, unknown>,
  tx?: Transaction,
  userId?: string,
): Promise<void> {
  const statement = sql`
    WITH e AS (
      INSERT INTO app_event (type, payload, user_id)
      VALUES (${type}, ${JSON.stringify(payload)}::jsonb, ${userId ?? null})
      RETURNING id
    )
    SELECT graphile_worker.add_job(${FAN_OUT_TASK}, json_build_object('eventIds', json_build_array(e.id)))
    FROM e
    WHERE EXISTS (
      SELECT 1 FROM webhook_endpoint w
      WHERE w.disabled_at IS NULL AND ${type} = ANY (w.events)
        AND (${userId ?? null}::text IS NULL OR w.user_id = ${userId ?? null})
    )`;
  if (tx) {
    await tx.execute(statement);
    return;
  }
  await db()
    .execute(statement)
    .catch((err: unknown) => logger().warn({ err, type }, "could not record an event"));
}
