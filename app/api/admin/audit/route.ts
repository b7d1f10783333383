import { auditQuery, listAudit } from "@/lib/audit/list-audit";
import { readQuery } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";

/** The audit log, newest first: ?actor=&action=&from=&to=&cursor=&direction=older|newer&limit=. */
export const GET = withAdmin(async (req) => {
  return Response.json(await listAudit(readQuery(req, auditQuery)));
});
