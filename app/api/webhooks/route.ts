import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { createWebhookInput } from "@/lib/webhooks/schemas";

export const GET = withUser(async (_req, { user }) => {
  return Response.json({ data: await listWebhooks({ userId: user.id }) });
});

export const POST = withUser(async (req, { user }) => {
  const values = await readJson(req, createWebhookInput, { maxBytes: 16 * 1024 });
  const created = await createWebhook({ user, values });
  await recordAudit({
    actor: user,
    action: "webhook.create",
    target: { type: "webhook", id: created.id, label: created.url },
    ip: auditIp(req.headers),
    details: { events: created.events, includeContent: created.includeContent },
  });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
