import { auditIp, recordAudit } from "@/lib/audit/record-audit";
import { readJson, readQuery } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { createUser, createUserInput } from "@/lib/users/create-user";
import { listUsers, listUsersQuery } from "@/lib/users/list-users";

export const GET = withAdmin(async (req) => {
  const page = await listUsers(readQuery(req, listUsersQuery));
  return Response.json(page, { headers: { "cache-control": "no-store" } });
});

export const POST = withAdmin(async (req, { user }) => {
  const input = await readJson(req, createUserInput, { maxBytes: 16 * 1024 });
  const created = await createUser(input);
  await recordAudit({
    actor: user,
    action: "user.create",
    target: { type: "user", id: created.id, label: created.email },
    ip: auditIp(req.headers),
    details: { role: created.role, name: created.name },
  });
  return Response.json(created, { status: 201 });
});
