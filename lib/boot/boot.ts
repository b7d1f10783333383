import "server-only";
import { pruneAuditLog } from "@/lib/audit/prune-audit";
import { config, ConfigError } from "@/lib/config";
import { runMigrations, MigrationError } from "@/lib/db/migrate";
import { recoverInterrupted } from "@/lib/chats/recover-interrupted";
import { resumeInterrupted } from "@/lib/chats/resume-interrupted";
import { sweepUploads } from "@/lib/files/sweep-uploads";
import { logger } from "@/lib/log/logger";
import { interruptLivePulls } from "@/lib/pulls/live-pulls";
import { pullDefaultModelInBackground } from "@/lib/pulls/pull-default-model";
import { exitAfterFailure } from "@/lib/server/exit-after-failure";
import { recoverInterruptedPulls } from "@/lib/pulls/recover-interrupted-pulls";
import { ensureDefaultRunner } from "@/lib/runners/runner-records";
import { startJobQueue } from "@/lib/webhooks/job-queue";

/**
 * Runs once when the server process starts (from instrumentation.ts):
 * validate settings, apply migrations. Either failing stops the process
 * with one clear line and a non-zero exit code.
 */
export async function boot(): Promise<void> {
  try {
    const c = config();
    if (c.databaseUrl) {
      await runMigrations({ databaseUrl: c.databaseUrl });
      // OLLAMA_BASE_URL is the first runner, a row like the ones admins add.
      await ensureDefaultRunner();
      // Webhook deliveries run in this process, from a PostgreSQL job queue.
      await startJobQueue();
      // Replies cut off by a crash or restart go on where they stopped (before the port opens,
      // so a browser coming back finds them streaming); the rest are marked, their text kept.
      const resumed = await resumeInterrupted({ atBoot: true });
      if (resumed) logger().warn({ resumed }, "continuing replies cut off by the last run");
      const interrupted = await recoverInterrupted({ atBoot: true });
      if (interrupted)
        logger().warn({ interrupted }, "marked replies left unfinished by the last run as interrupted");
      // Model pulls too: Retry resumes them, as Ollama keeps the layers downloaded so far.
      const pulls = await recoverInterruptedPulls({ atBoot: true });
      if (pulls)
        logger().warn({ pulls }, "marked model pulls left unfinished by the last run as interrupted");
      // OLLAMA_DEFAULT_MODEL (docker-compose.yml): pulled when missing, as a job the admin console shows.
      pullDefaultModelInBackground();
      // On shutdown, pulls stop at once (Retry resumes them); replies get the drain's grace
      // (lib/server/main.ts), and the next boot continues any it cuts.
      for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, interruptLivePulls);
      setInterval(() => {
        // Another replica that died left its replies: continue them here, mark the rest.
        resumeInterrupted({ atBoot: false })
          .then(() => recoverInterrupted({ atBoot: false }))
          .catch((err: unknown) => logger().warn({ err }, "could not check for abandoned replies"));
        recoverInterruptedPulls({ atBoot: false }).catch((err: unknown) =>
          logger().warn({ err }, "could not check for abandoned model pulls"),
        );
      }, 10_000).unref();
      // Uploads never sent with a message are deleted after a day: now, then daily.
      const sweep = () =>
        sweepUploads()
          .then((swept) => {
            if (swept.files) logger().info(swept, "deleted uploads no message refers to");
          })
          .catch((err: unknown) => logger().warn({ err }, "could not sweep unattached uploads"));
      void sweep();
      setInterval(sweep, 24 * 60 * 60 * 1000).unref();
      // The audit log keeps 90 days: older rows go now, then daily.
      const prune = () =>
        pruneAuditLog()
          .then((rows) => {
            if (rows) logger().info({ rows }, "pruned audit rows past their retention");
          })
          .catch((err: unknown) => logger().warn({ err }, "could not prune the audit log"));
      void prune();
      setInterval(prune, 24 * 60 * 60 * 1000).unref();
    }
    logger().info({ port: c.port, appUrl: c.appUrl }, "Hearth is ready");
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MigrationError) {
      process.stderr.write(`${err.message}\n`);
      // After the embedded database (if any) has stopped: it would be left running otherwise.
      await exitAfterFailure();
    }
    throw err;
  }
}
