import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PullJobView } from "@/lib/shared/admin-pulls";
import { livePulls, type PullStopReason } from "./live-pulls";
import { findPullJob } from "./pull-jobs";
import { PULL_STALE_AFTER_MS } from "./recover-interrupted-pulls";

const { pullJob } = schema;

/**
 * Asks a running pull to stop. The process running it sees the flag at its
 * next progress write (within a second) and closes the download; here, it
 * stops at once. A pull whose process has died is marked cancelled directly.
 */
export async function cancelPull(input: {
  id: string;
  actor: AuditActor;
  ip: string | null;
}): Promise<PullJobView> {
  const job = await findPullJob(input.id);
  if (!job) throw new AppError("not_found", "No such pull.");
  const [row] = await db()
    .update(pullJob)
    .set({
      cancelRequested: true,
      // Nobody is left to notice the flag on a row whose owner stopped beating.
      status: sql`CASE WHEN ${pullJob.updatedAt} < now() - make_interval(secs => ${PULL_STALE_AFTER_MS / 1000})
        THEN 'cancelled'::pull_status ELSE ${pullJob.status} END`,
      finishedAt: sql`CASE WHEN ${pullJob.updatedAt} < now() - make_interval(secs => ${PULL_STALE_AFTER_MS / 1000})
        THEN now() ELSE NULL END`,
    })
    .where(and(eq(pullJob.id, input.id), eq(pullJob.status, "running")))
    .returning({ id: pullJob.id });
  if (!row) throw new AppError("conflict", "This pull is no longer running.");
  livePulls.get(input.id)?.controller.abort("cancelled" satisfies PullStopReason);
  await recordAudit({
    actor: input.actor,
    action: "model.pull.cancel",
    target: { type: "model", id: job.model, label: job.model },
    ip: input.ip,
    details: { runnerId: job.runnerId, jobId: job.id },
  });
  return (await findPullJob(input.id)) ?? job;
}
