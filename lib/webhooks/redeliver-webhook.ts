import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { getOwnedWebhook } from "./get-owned-webhook";

/**
 * Sends a delivery again now, by hand: the same body and `webhook-id` (a
 * receiver that already handled it can tell), signed afresh.
 */
export async function redeliverWebhook(input: {
  userId: string;
  id: string;
  deliveryId: string;
}): Promise<{ deliveryId: string }> {
  return db().transaction(async (tx) => {
    const endpoint = await getOwnedWebhook({ userId: input.userId, id: input.id, tx });
    if (endpoint.disabledAt)
      throw new AppError("conflict", "This webhook is disabled. Enable it to redeliver.");
    const d = schema.webhookDelivery;
    const [delivery] = await tx
      .update(d)
      .set({ updatedAt: sql`now()` })
      .where(and(eq(d.id, input.deliveryId), eq(d.endpointId, endpoint.id)))
      .returning({ id: d.id });
    if (!delivery) throw new AppError("not_found", "There is no such delivery.");
    await enqueueDeliveries(tx, [delivery.id], { manual: true });
    return { deliveryId: delivery.id };
  });
}
