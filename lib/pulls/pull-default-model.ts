import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { instanceId } from "@/lib/chats/instance-id";
import { config } from "@/lib/config";
import { db, schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { ollamaRunnerById } from "@/lib/runners/registry";
import { DEFAULT_RUNNER_ID } from "@/lib/runners/runner-records";
import { launchPull } from "./run-pull";
import { canonicalModelName } from "./start-pull";

/** Ollama may still be starting beside us (compose starts both together). */
const ATTEMPTS = 24;
const RETRY_MS = 5_000;

/**
 * OLLAMA_DEFAULT_MODEL: when the built-in Ollama runner lacks that model, start
 * pulling it as an ordinary pull job, which the admin console's Pulls list
 * shows (and can cancel or retry). Runs in the background after boot; a
 * replica booting alongside joins nothing and starts nothing twice, as the
 * job table admits one running pull per model.
 */
export function pullDefaultModelInBackground(): void {
  const wanted = config().ollamaDefaultModel;
  if (!wanted) return;
  void pullDefaultModel(canonicalModelName(wanted)).catch((err: unknown) =>
    logger().warn({ err, model: wanted }, "could not start pulling OLLAMA_DEFAULT_MODEL"),
  );
}

async function pullDefaultModel(model: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const runner = await ollamaRunnerById(DEFAULT_RUNNER_ID);
      const installed = await runner.installed();
      if (installed.some((m) => canonicalModelName(m.name) === model)) return;
      break;
    } catch (err) {
      if (attempt >= ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
    }
  }
  const [job] = await db()
    .insert(schema.pullJob)
    .values({ runnerId: DEFAULT_RUNNER_ID, model, owner: instanceId(), startedBy: null })
    .onConflictDoNothing()
    .returning({ id: schema.pullJob.id });
  // Another replica (or an admin) is pulling it already.
  if (!job) return;
  launchPull({ id: job.id, runnerId: DEFAULT_RUNNER_ID, model });
  logger().info({ model, jobId: job.id }, "pulling OLLAMA_DEFAULT_MODEL (see Admin → Models)");
  await recordAudit({
    actor: null,
    action: "model.pull",
    target: { type: "model", id: model, label: model },
    details: { runnerId: DEFAULT_RUNNER_ID, jobId: job.id, reason: "OLLAMA_DEFAULT_MODEL" },
  });
}
