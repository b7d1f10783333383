import "server-only";
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import { config } from "@/lib/config";
import { FAN_OUT_TASK } from "@/lib/events/record-event";
import { logger } from "@/lib/log/logger";
import { DISABLE_AFTER_MS, deliverWebhook, RETRY_DELAYS_MS, type DeliveryOptions } from "./deliver-webhook";
import { DELIVER_TASK } from "./enqueue-deliveries";
import { fanOutEvents } from "./fan-out-events";

/**
 * The PostgreSQL job queue (graphile-worker) in this process: it delivers
 * webhooks off every request's path. Jobs are added in SQL inside the
 * transactions that cause them (lib/events/record-event.ts); the worker
 * hears of them at once through LISTEN and polls for scheduled retries.
 */

export interface JobQueueOptions extends Partial<DeliveryOptions> {
  /** Deliveries under way at once; a slow receiver holds one for up to 10 s. */
  concurrency?: number;
  /** How often scheduled jobs (retries) are looked for, in ms. */
  pollIntervalMs?: number;
}

const holder = globalThis as unknown as {
  __hearthJobQueue?: Runner;
  /** For lib/server/main.ts, which stops the queue before the database without importing it. */
  __hearthStopJobQueue?: () => Promise<void>;
};

function workerLogger() {
  return new Logger((scope) => (level, message, meta) => {
    const line = { scope: { label: scope.label, taskIdentifier: scope.taskIdentifier }, ...meta };
    if (level === "error") logger().error(line, message);
    else if (level === "warning") logger().warn(line, message);
    else logger().debug(line, message);
  });
}

export async function startJobQueue(options: JobQueueOptions = {}): Promise<void> {
  if (holder.__hearthJobQueue) return;
  const delivery: DeliveryOptions = {
    retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
    disableAfterMs: options.disableAfterMs ?? DISABLE_AFTER_MS,
  };
  const taskList: TaskList = {
    [FAN_OUT_TASK]: async (payload) => {
      await fanOutEvents((payload as { eventIds: number[] }).eventIds);
    },
    [DELIVER_TASK]: async (payload) => {
      await deliverWebhook(payload as { deliveryId: string; manual?: boolean }, delivery);
    },
  };
  const concurrency = options.concurrency ?? 10;
  holder.__hearthJobQueue = await run({
    connectionString: config().databaseUrl,
    concurrency,
    // One connection listens; the rest take and complete jobs (each job's own queries use the app's pool).
    maxPoolSize: Math.min(concurrency, 4) + 1,
    pollInterval: options.pollIntervalMs ?? 2_000,
    // main.ts decides the shutdown order; the worker must not exit the process on a signal itself.
    noHandleSignals: true,
    logger: workerLogger(),
    taskList,
  });
  holder.__hearthStopJobQueue = stopJobQueue;
}

/** Stops taking jobs and waits for those under way (each ends within the 10 s delivery timeout). */
export async function stopJobQueue(): Promise<void> {
  const runner = holder.__hearthJobQueue;
  holder.__hearthJobQueue = undefined;
  await runner?.stop();
}
