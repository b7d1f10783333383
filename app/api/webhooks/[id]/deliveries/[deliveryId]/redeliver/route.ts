import { withUser } from "@/lib/http/with-user";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";

/** Sends one delivery again now, with the same webhook-id and body. */
export const POST = withUser<{ id: string; deliveryId: string }>(async (_req, { user, params }) => {
  const { deliveryId } = await redeliverWebhook({
    userId: user.id,
    id: params.id,
    deliveryId: params.deliveryId,
  });
  return Response.json({ deliveryId, status: "pending" }, { status: 202 });
});
