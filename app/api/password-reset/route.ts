import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { refuseCrossSite } from "@/lib/http/cross-site";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { resetPassword, resetPasswordInput } from "@/lib/users/reset-password";

/**
 * Sets a new password with a one-time link an admin handed over (the page at
 * /reset-password/[token]). No session needed: the link is the credential.
 */
export const POST = route(async (req) => {
  refuseCrossSite(req, "application/json");
  const input = await readJson(req, resetPasswordInput, { maxBytes: 4 * 1024 });
  const { userId, email } = await resetPassword(input);
  await recordAudit({
    actor: { id: userId, email },
    action: "user.password_reset",
    target: { type: "user", id: userId, label: email },
    ip: auditIp(req.headers),
  });
  return new Response(null, { status: 204 });
});
