import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createApiKey, createApiKeyInput } from "@/lib/keys/create-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";

export const POST = withUser(async (req, { user }) => {
  const input = await readJson(req, createApiKeyInput, { maxBytes: 16 * 1024 });
  const created = await createApiKey({ userId: user.id, ...input });
  await recordAudit({
    actor: user,
    action: "key.create",
    target: { type: "api_key", id: created.id, label: `${created.name} (${created.prefix})` },
    ip: auditIp(req.headers),
    details: { expiresAt: created.expiresAt, models: created.models, endpoints: created.endpoints },
  });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

export const GET = withUser(async (_req, { user }) => {
  return Response.json({ data: await listApiKeys({ userId: user.id }) });
});
