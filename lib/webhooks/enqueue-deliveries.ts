import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "@/lib/db/client";

/** The job that makes one attempt at one delivery (lib/webhooks/deliver-webhook.ts). */
export const DELIVER_TASK = "webhooks.deliver";
/** Retries of the job itself, when the process dies or the database fails mid-attempt. */
const JOB_ATTEMPTS = 5;

/**
 * Queues one attempt for each delivery, in the caller's transaction, so the
 * jobs exist exactly when the delivery rows do.
 */
export async function enqueueDeliveries(
  tx: Transaction | Database,
  deliveryIds: string[],
  options: { runAt?: Date; manual?: boolean } = {},
): Promise<void> {
  if (deliveryIds.length === 0) return;
  await tx.execute(sql`
    SELECT graphile_worker.add_job(
      ${DELIVER_TASK},
      json_build_object('deliveryId', id, 'manual', ${options.manual === true}::boolean),
      run_at := ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts := ${JOB_ATTEMPTS}::int)
    FROM json_array_elements_text(${JSON.stringify(deliveryIds)}::json) AS id`);
}
