import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { withUser } from "@/lib/http/with-user";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";

export const DELETE = withUser<{ id: string }>(async (req, { user, params }) => {
  const revoked = await revokeApiKey({ userId: user.id, id: params.id });
  await recordAudit({
    actor: user,
    action: "key.revoke",
    target: { type: "api_key", id: params.id, label: `${revoked.name} (${revoked.prefix})` },
    ip: auditIp(req.headers),
  });
  return new Response(null, { status: 204 });
});
