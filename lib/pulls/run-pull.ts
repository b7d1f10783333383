import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { instanceId } from "@/lib/chats/instance-id";
import { db, schema } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { logger } from "@/lib/log/logger";
import { LABEL } from "@/lib/runners/ollama/ollama-http";
import { invalidateModelCaches, ollamaRunnerById } from "@/lib/runners/registry";
import type { PullStatus } from "@/lib/shared/admin-pulls";
import { layerBytes } from "./layer-bytes";
import { livePulls, type LivePull, type PullProgressSnapshot, type PullStopReason } from "./live-pulls";

/** At most one progress write a second: a pull streams many lines a second, the row need not. */
export const PROGRESS_WRITE_MS = 1000;
/** With no new progress (Ollama verifying a big blob), the row is still touched this often, as a heartbeat. */
export const PULL_HEARTBEAT_MS = 5000;
const TICK_MS = 250;

const { pullJob } = schema;

interface Job {
  id: string;
  runnerId: string;
  model: string;
}

/**
 * Runs a pull in this process, in the background: the admin's browser may
 * leave. Progress goes to the row at most once a second, and each write reads
 * back `cancel_requested`, so a Cancel received by any process stops it
 * within a second (or at once when it arrives here).
 */
export function launchPull(job: Job): void {
  const live: LivePull = {
    controller: new AbortController(),
    progress: { statusLine: "", completedBytes: 0, totalBytes: 0, percent: 0 },
  };
  livePulls.set(job.id, live);
  void runPull(job, live)
    .catch((err: unknown) => logger().error({ err, jobId: job.id }, "a model pull could not be recorded"))
    .finally(() => livePulls.delete(job.id));
}

async function runPull(job: Job, live: LivePull): Promise<void> {
  const { signal } = live.controller;
  const writer = progressWriter(job.id, live);
  let outcome: { status: PullStatus; error?: string };
  try {
    const runner = await ollamaRunnerById(job.runnerId);
    const bytes = layerBytes();
    for await (const event of runner.pull(job.model, signal)) {
      live.progress = { statusLine: event.status, percent: event.percent, ...bytes(event) };
      writer.changed();
    }
    outcome = { status: "completed" };
  } catch (err) {
    outcome = signal.aborted ? stoppedOutcome(signal.reason) : { status: "failed", error: failure(err, job) };
  } finally {
    await writer.stop();
  }
  if (outcome.status === "running") return;
  await finishPull(job, outcome.status, live.progress, outcome.error);
}

function stoppedOutcome(reason: unknown): { status: PullStatus } {
  const why = reason as PullStopReason;
  if (why === "cancelled" || why === "interrupted") return { status: why };
  // The row stopped being ours (marked interrupted elsewhere): nothing left to write.
  return { status: "running" };
}

function failure(err: unknown, job: Job): string {
  // Ollama's own words ("pull model manifest: file does not exist"), without the
  // "Ollama could not pull <model>: " the runner puts before them: the job already says both.
  if (isAppError(err)) return err.message.replace(`${LABEL} could not pull ${job.model}: `, "");
  logger().error({ err, jobId: job.id }, "a model pull failed unexpectedly");
  return "The pull stopped unexpectedly. See the server log for details.";
}

/**
 * Writes the latest progress at most once a second (and a heartbeat every few
 * seconds), and aborts the pull when the row asks for it.
 */
function progressWriter(jobId: string, live: LivePull) {
  let dirty = false;
  let lastWriteAt = Date.now();
  let writing: Promise<void> | undefined;

  const write = async () => {
    const [row] = await db()
      .update(pullJob)
      .set({ ...live.progress, updatedAt: sql`now()` })
      .where(and(eq(pullJob.id, jobId), eq(pullJob.status, "running")))
      .returning({ cancelRequested: pullJob.cancelRequested });
    if (!row) live.controller.abort("lost" satisfies PullStopReason);
    else if (row.cancelRequested) live.controller.abort("cancelled" satisfies PullStopReason);
  };

  const timer = setInterval(() => {
    const since = Date.now() - lastWriteAt;
    if (writing || since < PROGRESS_WRITE_MS || (!dirty && since < PULL_HEARTBEAT_MS)) return;
    dirty = false;
    lastWriteAt = Date.now();
    writing = write()
      .catch((err: unknown) => logger().warn({ err, jobId }, "could not save a pull's progress"))
      .finally(() => (writing = undefined));
  }, TICK_MS);
  timer.unref();

  return {
    changed: () => void (dirty = true),
    stop: async () => {
      clearInterval(timer);
      await writing;
    },
  };
}

/** The final write; a completed pull also records its event and refreshes every model list. */
async function finishPull(
  job: Job,
  status: Exclude<PullStatus, "running">,
  progress: PullProgressSnapshot,
  error: string | undefined,
): Promise<void> {
  const done = status === "completed";
  const final = done
    ? { ...progress, statusLine: "success", percent: 100, completedBytes: progress.totalBytes }
    : progress;
  const finished = await db().transaction(async (tx) => {
    const rows = await tx
      .update(pullJob)
      .set({
        ...final,
        status,
        error: error ?? null,
        owner: null,
        updatedAt: sql`now()`,
        finishedAt: sql`now()`,
      })
      .where(and(eq(pullJob.id, job.id), eq(pullJob.status, "running")))
      .returning({ id: pullJob.id });
    if (rows.length && (done || status === "failed")) {
      await recordEvent(
        done ? "model.pull.completed" : "model.pull.failed",
        { runnerId: job.runnerId, model: job.model, jobId: job.id, ...(!done && { error: error ?? null }) },
        tx,
      );
    }
    return rows.length > 0;
  });
  if (done) invalidateModelCaches();
  if (finished)
    logger().info({ jobId: job.id, model: job.model, status, owner: instanceId() }, "model pull ended");
}
