import { auditIp } from "@/lib/audit/record-audit";
import { withAdmin } from "@/lib/http/with-user";
import { cancelPull } from "@/lib/pulls/cancel-pull";

/** Asks a running pull to stop; the job turns `cancelled` within a second. */
export const POST = withAdmin<{ jobId: string }>(async (req, { user, params }) =>
  Response.json(await cancelPull({ id: params.jobId, actor: user, ip: auditIp(req.headers) })),
);
