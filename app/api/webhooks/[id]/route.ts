import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getOwnedWebhook } from "@/lib/webhooks/get-owned-webhook";
import { updateWebhookInput } from "@/lib/webhooks/schemas";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { webhookView } from "@/lib/webhooks/webhook-view";

export const GET = withUser<{ id: string }>(async (_req, { user, params }) => {
  return Response.json(webhookView(await getOwnedWebhook({ userId: user.id, id: params.id })));
});

export const PATCH = withUser<{ id: string }>(async (req, { user, params }) => {
  const values = await readJson(req, updateWebhookInput, { maxBytes: 16 * 1024 });
  const updated = await updateWebhook({ user, id: params.id, values });
  await recordAudit({
    actor: user,
    action: "webhook.update",
    target: { type: "webhook", id: updated.id, label: updated.url },
    ip: auditIp(req.headers),
    details: values,
  });
  return Response.json(updated);
});

export const DELETE = withUser<{ id: string }>(async (req, { user, params }) => {
  const deleted = await deleteWebhook({ userId: user.id, id: params.id });
  await recordAudit({
    actor: user,
    action: "webhook.delete",
    target: { type: "webhook", id: params.id, label: deleted.url },
    ip: auditIp(req.headers),
  });
  return new Response(null, { status: 204 });
});
