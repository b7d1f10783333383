import "server-only";
import { AppError } from "@/lib/errors";
import { sseFrame, SSE_KEEPALIVE } from "@/lib/http/sse";
import type { PullJobView } from "@/lib/shared/admin-pulls";
import { findPullJob } from "./pull-jobs";

const encoder = new TextEncoder();
/** How often a follower reads the job; the row changes at most once a second, a local pull more often. */
const POLL_MS = 500;
/** A comment line this often keeps proxies from closing a quiet stream (Ollama verifying a big blob). */
const KEEPALIVE_MS = 15_000;

/**
 * An SSE stream of one pull: its current state at once (so a reload or a
 * reconnect picks up where the job is), a `progress` event whenever it
 * changes, then `done` with the final state. Works wherever the pull runs:
 * the state comes from PostgreSQL (or this process's own fresher copy).
 * Closing the stream only stops watching; the pull goes on.
 */
export async function followPull(input: {
  id: string;
  signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const first = await findPullJob(input.id);
  if (!first) throw new AppError("not_found", "No such pull.");
  const stopped = new AbortController();
  const signal = AbortSignal.any([input.signal, stopped.signal]);

  async function* frames(): AsyncGenerator<Uint8Array> {
    let job: PullJobView | null = first;
    let sent = "";
    let quietSince = Date.now();
    while (job) {
      const data = JSON.stringify(job);
      if (job.status !== "running") {
        yield encoder.encode(sseFrame(data, { event: "done", id: job.updatedAt }));
        return;
      }
      if (data !== sent) {
        sent = data;
        quietSince = Date.now();
        yield encoder.encode(sseFrame(data, { event: "progress", id: job.updatedAt }));
      } else if (Date.now() - quietSince >= KEEPALIVE_MS) {
        quietSince = Date.now();
        yield SSE_KEEPALIVE;
      }
      if (!(await sleep(POLL_MS, signal))) return;
      job = await findPullJob(input.id);
    }
  }

  const it = frames();
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      const next = await it.next();
      if (next.done) out.close();
      else out.enqueue(next.value);
    },
    cancel() {
      stopped.abort();
      void it.return(undefined);
    },
  });
}

/** Waits, or returns false at once when the follower has gone. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
