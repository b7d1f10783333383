import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { withAdmin } from "@/lib/http/with-user";
import { createResetLink } from "@/lib/users/create-reset-link";

export const POST = withAdmin<{ userId: string }>(async (req, { user, params }) => {
  const { email, ...link } = await createResetLink({ userId: params.userId, createdBy: user.id });
  await recordAudit({
    actor: user,
    action: "user.reset_link.create",
    target: { type: "user", id: params.userId, label: email },
    ip: auditIp(req.headers),
    details: { expiresAt: link.expiresAt },
  });
  // The link is the secret: shown this once, never stored in a cache.
  return Response.json(link, { status: 201, headers: { "cache-control": "no-store" } });
});
