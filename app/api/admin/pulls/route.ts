import { auditIp } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { listPullJobs } from "@/lib/pulls/pull-jobs";
import { startPull, startPullInput } from "@/lib/pulls/start-pull";

/** The running pulls, then the recent ones. */
export const GET = withAdmin(async () => Response.json({ jobs: await listPullJobs() }));

/** Starts a pull (201), or joins the one of the same model already running on that runner (200). */
export const POST = withAdmin(async (req, { user }) => {
  const body = await readJson(req, startPullInput, { maxBytes: 4096 });
  const { job, created } = await startPull({ ...body, actor: user, ip: auditIp(req.headers) });
  return Response.json(job, { status: created ? 201 : 200 });
});
