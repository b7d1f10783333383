import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/record-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { instanceId } from "@/lib/chats/instance-id";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ollamaRunnerById } from "@/lib/runners/registry";
import type { PullJobView } from "@/lib/shared/admin-pulls";
import { modelNameSchema } from "@/lib/models/model-name";
import { storableText } from "@/lib/validation/storable-text";
import { findPullJob } from "./pull-jobs";
import { launchPull } from "./run-pull";

/** The body of POST /api/admin/pulls. */
export const startPullInput = z.object({
  runnerId: storableText().min(1, "Choose a runner.").max(200),
  model: modelNameSchema,
});

const { pullJob } = schema;

/** "llama3.2" and "llama3.2:latest" are one model to Ollama, so they are one job here. */
export function canonicalModelName(name: string): string {
  const last = name.slice(name.lastIndexOf("/") + 1);
  return last.includes(":") ? name : `${name}:latest`;
}

/**
 * Starts pulling a model on an Ollama runner, in this process, or joins the
 * pull of it already running there (one job, whoever asked). `created` says
 * which. The runner must be an enabled Ollama runner (404 otherwise).
 */
export async function startPull(input: {
  runnerId: string;
  model: string;
  actor: AuditActor;
  ip: string | null;
  retryOf?: string;
}): Promise<{ job: PullJobView; created: boolean }> {
  await ollamaRunnerById(input.runnerId);
  const model = canonicalModelName(input.model);
  // The insert and the look-up can race a pull that ends in between: try again then.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [inserted] = await db()
      .insert(pullJob)
      .values({ runnerId: input.runnerId, model, owner: instanceId(), startedBy: input.actor.id })
      .onConflictDoNothing({
        target: [pullJob.runnerId, pullJob.model],
        where: sql`${pullJob.status} = 'running'`,
      })
      .returning({ id: pullJob.id });
    if (inserted) {
      launchPull({ id: inserted.id, runnerId: input.runnerId, model });
      await recordAudit({
        actor: input.actor,
        action: "model.pull",
        target: { type: "model", id: model, label: model },
        ip: input.ip,
        details: {
          runnerId: input.runnerId,
          jobId: inserted.id,
          ...(input.retryOf && { retryOf: input.retryOf }),
        },
      });
      return { job: await mustFind(inserted.id), created: true };
    }
    const [running] = await db()
      .select({ id: pullJob.id })
      .from(pullJob)
      .where(
        and(eq(pullJob.runnerId, input.runnerId), eq(pullJob.model, model), eq(pullJob.status, "running")),
      );
    if (running) return { job: await mustFind(running.id), created: false };
  }
  throw new AppError("conflict", "This model's pull was changing too fast to join. Try again.");
}

async function mustFind(id: string): Promise<PullJobView> {
  const job = await findPullJob(id);
  if (!job) throw new AppError("not_found", "That pull no longer exists.");
  return job;
}
