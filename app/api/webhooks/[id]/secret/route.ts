import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { withUser } from "@/lib/http/with-user";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

/** A new signing secret, shown once; deliveries from now on are signed with it. */
export const POST = withUser<{ id: string }>(async (req, { user, params }) => {
  const rotated = await rotateWebhookSecret({ userId: user.id, id: params.id });
  await recordAudit({
    actor: user,
    action: "webhook.rotate_secret",
    target: { type: "webhook", id: rotated.id, label: rotated.url },
    ip: auditIp(req.headers),
  });
  return Response.json(rotated, { headers: { "cache-control": "no-store" } });
});
