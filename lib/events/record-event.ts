import "server-only";
import { db, schema, type Transaction } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

/** What happened, for the webhooks of a later issue to deliver. */
export type AppEventType = "model.pull.completed" | "model.deleted" | "user.created" | "user.deleted";

/**
 * Records an event in the outbox (app_event). Inside `tx` it commits with the
 * change it describes; outside one, a failure is logged and swallowed.
 */
export async function recordEvent(
  type: AppEventType,
  payload: Record<string, unknown>,
  tx?: Transaction,
): Promise<void> {
  if (tx) {
    await tx.insert(schema.appEvent).values({ type, payload });
    return;
  }
  await db()
    .insert(schema.appEvent)
    .values({ type, payload })
    .catch((err: unknown) => logger().warn({ err, type }, "could not record an event"));
}
