import "server-only";
import { randomBytes } from "node:crypto";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueDeliveries } from "./enqueue-deliveries";
import { TEST_EVENT_TYPE } from "@/lib/shared/webhook-events";
import { getOwnedWebhook } from "./get-owned-webhook";

/** Queues a `webhook.test` delivery to one endpoint, signed and retried like any other. */
export async function sendTestEvent(input: { userId: string; id: string }): Promise<{ deliveryId: string }> {
  return db().transaction(async (tx) => {
    const endpoint = await getOwnedWebhook({ ...input, tx });
    if (endpoint.disabledAt)
      throw new AppError("conflict", "This webhook is disabled. Enable it to send events.");
    const id = `msg_${randomBytes(20).toString("base64url").slice(0, 27)}`;
    const body = JSON.stringify({
      type: TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: {
        webhookId: endpoint.id,
        message: "A test event from Hearth. Your endpoint is receiving events.",
      },
    });
    await tx
      .insert(schema.webhookDelivery)
      .values({ id, endpointId: endpoint.id, eventType: TEST_EVENT_TYPE, body });
    await enqueueDeliveries(tx, [id]);
    return { deliveryId: id };
  });
}
