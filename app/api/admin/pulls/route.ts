import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";
import { auditIp } from "@/lib/audit/record-audit";
import { readJson } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { modelNameSchema } from "@/lib/models/model-name";
import { listPullJobs } from "@/lib/pulls/pull-jobs";
import { startPull } from "@/lib/pulls/start-pull";

const startPullBody = z.object({
  runnerId: storableText().min(1, "Choose a runner.").max(200),
  model: modelNameSchema,
});

/** The running pulls, then the recent ones. */
export const GET = withAdmin(async () => Response.json({ jobs: await listPullJobs() }));

/** Starts a pull (201), or joins the one of the same model already running on that runner (200). */
export const POST = withAdmin(async (req, { user }) => {
  const body = await readJson(req, startPullBody, { maxBytes: 4096 });
  const { job, created } = await startPull({ ...body, actor: user, ip: auditIp(req.headers) });
  return Response.json(job, { status: created ? 201 : 200 });
});
