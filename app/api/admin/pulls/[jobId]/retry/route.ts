import { auditIp } from "@/lib/audit/record-audit";
import { withAdmin } from "@/lib/http/with-user";
import { retryPull } from "@/lib/pulls/retry-pull";

/** Pulls a failed, cancelled or interrupted job's model again, as a new job that resumes the download. */
export const POST = withAdmin<{ jobId: string }>(async (req, { user, params }) => {
  const { job, created } = await retryPull({ id: params.jobId, actor: user, ip: auditIp(req.headers) });
  return Response.json(job, { status: created ? 201 : 200 });
});
