import "server-only";
import type { AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { RETRYABLE_STATUSES, type PullJobView } from "@/lib/shared/admin-pulls";
import { findPullJob } from "./pull-jobs";
import { startPull } from "./start-pull";

/**
 * Pulls a failed, cancelled or interrupted job's model again, as a new job
 * (or joins one already running). Ollama keeps the layers it downloaded, so
 * the new pull resumes where the old one stopped.
 */
export async function retryPull(input: {
  id: string;
  actor: AuditActor;
  ip: string | null;
}): Promise<{ job: PullJobView; created: boolean }> {
  const old = await findPullJob(input.id);
  if (!old) throw new AppError("not_found", "No such pull.");
  if (!RETRYABLE_STATUSES.includes(old.status)) {
    throw new AppError(
      "conflict",
      old.status === "running" ? "This pull is still running." : "This pull has already completed.",
    );
  }
  return startPull({
    runnerId: old.runnerId,
    model: old.model,
    actor: input.actor,
    ip: input.ip,
    retryOf: old.id,
  });
}
