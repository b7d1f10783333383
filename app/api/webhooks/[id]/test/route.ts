import { withUser } from "@/lib/http/with-user";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

/** Queues a signed `webhook.test` event; the delivery log shows how it went. */
export const POST = withUser<{ id: string }>(async (_req, { user, params }) => {
  const { deliveryId } = await sendTestEvent({ userId: user.id, id: params.id });
  return Response.json({ deliveryId, status: "pending" }, { status: 202 });
});
