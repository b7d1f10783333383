import { withUser } from "@/lib/http/with-user";
import { listWebhookAttempts } from "@/lib/webhooks/list-webhook-attempts";

/** The delivery log: the latest 100 attempts, newest first. */
export const GET = withUser<{ id: string }>(async (_req, { user, params }) => {
  return Response.json(
    { data: await listWebhookAttempts({ userId: user.id, id: params.id }) },
    { headers: { "cache-control": "no-store" } },
  );
});
