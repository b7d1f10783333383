import { auditIp, recordAudit, type AuditEntry } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { deleteUser } from "@/lib/users/delete-user";
import { updateUser, updateUserInput, type UserChange } from "@/lib/users/update-user";

export const PATCH = withAdmin<{ userId: string }>(async (req, { user, params }) => {
  const patch = await readJson(req, updateUserInput, { maxBytes: 4 * 1024 });
  const change = await updateUser({ actorId: user.id, userId: params.userId, patch });
  const target = { type: "user", id: params.userId, label: change.email };
  for (const entry of auditEntriesOf(change)) {
    await recordAudit({ actor: user, target, ip: auditIp(req.headers), ...entry });
  }
  return Response.json({ id: params.userId, ...change.after });
});

export const DELETE = withAdmin<{ userId: string }>(async (req, { user, params }) => {
  const { email } = await deleteUser({ actorId: user.id, userId: params.userId });
  await recordAudit({
    actor: user,
    action: "user.delete",
    target: { type: "user", id: params.userId, label: email },
    ip: auditIp(req.headers),
  });
  return new Response(null, { status: 204 });
});

/** One audit row per kind of change that happened (nothing for a value set to what it was). */
function auditEntriesOf({ before, after }: UserChange): Pick<AuditEntry, "action" | "details">[] {
  const entries: Pick<AuditEntry, "action" | "details">[] = [];
  if (before.role !== after.role) {
    entries.push({ action: "user.role.change", details: { before: before.role, after: after.role } });
  }
  if (before.disabled !== after.disabled)
    entries.push({ action: after.disabled ? "user.disable" : "user.enable" });
  if (before.pending && !after.pending) entries.push({ action: "user.approve" });
  if (before.requestsPerMinute !== after.requestsPerMinute || before.tokensPerDay !== after.tokensPerDay) {
    entries.push({
      action: "user.limits.change",
      details: {
        before: { requestsPerMinute: before.requestsPerMinute, tokensPerDay: before.tokensPerDay },
        after: { requestsPerMinute: after.requestsPerMinute, tokensPerDay: after.tokensPerDay },
      },
    });
  }
  return entries;
}
