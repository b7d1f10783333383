import { completeLines } from "../ndjson";
import { RunnerError } from "../runner-error";
import type { ChatEvent } from "../types";
import { jsonInit, type OllamaHttp, type UpstreamResponse } from "./ollama-http";
import type { OllamaStreamLine } from "./wire";

/** Events read ahead of the caller before the upstream socket is paused. */
const READ_AHEAD = 4096;

/**
 * One streamed Ollama call (/api/chat or /api/generate): NDJSON lines in,
 * runner events out, in the batches that arrived together (one per network
 * read). `eventsOf` adds the events of one line; an error line, a cut
 * connection or an abort end it the same way for both endpoints.
 *
 * Written as a plain iterator fed by the socket's `data` events rather than as
 * a chain of async generators: a token then costs one parse and, when the
 * caller already waits, one promise, instead of a round of promises per layer
 * (this is the gateway's hottest loop). The upstream request starts on the
 * first `next()`; after the last line the answer is read to its end so the
 * connection goes back to the pool, whether or not the caller asks again.
 */
export function ollamaStream<L extends OllamaStreamLine>(
  http: OllamaHttp,
  call: { path: string; body: Record<string, unknown>; firstByteTimeoutMs: number },
  signal: AbortSignal,
  eventsOf: (line: L, batch: ChatEvent[]) => void,
): AsyncIterableIterator<ChatEvent[]> {
  const queue: ChatEvent[][] = [];
  let waiting: { resolve: (r: IteratorResult<ChatEvent[]>) => void; reject: (e: unknown) => void } | null =
    null;
  let started = false;
  /** No more batches will come: the answer ended (`failure` says how, if badly). */
  let ended = false;
  let failure: unknown = null;
  /** The last line (`done`) was read: what follows is only the end of the answer. */
  let finished = false;
  let body: UpstreamResponse["body"] | null = null;
  let controller: AbortController | null = null;
  let cut: NodeJS.Timeout | undefined;
  let unfinished: Buffer | null = null;

  const forward = () => controller?.abort(signal.reason);

  /** Stops listening; the connection is closed unless the answer was read cleanly to its end. */
  const cleanup = () => {
    clearTimeout(cut);
    signal.removeEventListener("abort", forward);
    if (body) {
      body.removeListener("data", onData);
      body.removeListener("end", onEnd);
      body.removeListener("error", onError);
      if (!finished || body.readableLength || !body.readableEnded) controller?.abort();
    }
  };

  /** Events read ahead of the caller (while it writes): they go out together, in one batch. */
  let ahead = 0;
  const deliver = (batch: ChatEvent[]) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve({ value: batch, done: false });
      return;
    }
    const last = queue[queue.length - 1];
    if (last) for (const e of batch) last.push(e);
    else queue.push(batch);
    ahead += batch.length;
    if (ahead >= READ_AHEAD) body?.pause();
  };

  /** Ends the answer; batches already read still reach the caller first. */
  const end = (err: unknown) => {
    if (ended) return;
    ended = true;
    if (err !== null && !finished) {
      failure = signal.aborted
        ? signal.reason
        : err instanceof RunnerError
          ? err
          : new RunnerError(
              "upstream_error",
              `${http.label} closed the connection before the answer was complete.`,
              {
                cause: err,
              },
            );
    }
    cleanup();
    if (waiting && queue.length === 0) {
      const w = waiting;
      waiting = null;
      if (failure !== null) w.reject(takeFailure());
      else w.resolve({ value: undefined, done: true });
    }
  };

  /** The failure, once: after it the iterator is simply done. */
  const takeFailure = () => {
    const f = failure;
    failure = null;
    return f;
  };

  /** The lines of one read; false once the answer is over. */
  const readLines = (text: string): boolean => {
    const batch: ChatEvent[] = [];
    for (let from = 0; from <= text.length;) {
      let to = text.indexOf("\n", from);
      if (to === -1) to = text.length;
      const line = text.slice(from, to).trim();
      from = to + 1;
      if (!line) continue;
      const parsed = JSON.parse(line) as L;
      if (parsed.error) {
        // The text that came before the error in the same read still reaches the caller.
        if (batch.length) deliver(batch);
        end(new RunnerError("upstream_error", `${http.label} failed mid-answer: ${parsed.error}`));
        return false;
      }
      eventsOf(parsed, batch);
      if (parsed.done) {
        deliver(batch);
        finished = true;
        // Ollama ends the answer right after its last line; one that lingers loses its connection.
        cut = setTimeout(() => controller?.abort(), 1000);
        return false;
      }
    }
    if (batch.length) deliver(batch);
    return true;
  };

  function onData(chunk: Buffer) {
    if (finished || ended) return; // past the last line: read to the end, ignored
    try {
      const read = completeLines(unfinished, chunk);
      unfinished = read.unfinished;
      if (read.text !== null) readLines(read.text);
    } catch (err) {
      end(err); // a line that is not JSON: an upstream fault, never skipped
    }
  }

  function onEnd() {
    if (!finished && !ended) {
      try {
        const rest = unfinished?.toString("utf8").trim();
        unfinished = null;
        if (rest && !readLines(rest)) return end(null);
      } catch (err) {
        return end(err);
      }
    }
    end(
      finished
        ? null
        : new RunnerError(
            "upstream_error",
            `${http.label} closed the connection before the answer was complete.`,
          ),
    );
  }

  function onError(err: unknown) {
    end(finished ? null : err);
  }

  const start = () => {
    started = true;
    http.open(call.path, jsonInit("POST", call.body), signal, call.firstByteTimeoutMs).then(
      (opened) => {
        opened.release();
        controller = opened.controller;
        if (ended) return void controller.abort(); // the caller left while the answer was starting
        const res = opened.res;
        if (!res.body) return end(new RunnerError("upstream_error", `${http.label} sent an empty answer.`));
        body = res.body;
        // Aborting our controller closes the upstream connection: Ollama stops generating.
        signal.addEventListener("abort", forward, { once: true });
        if (signal.aborted) forward();
        body.on("data", onData);
        body.on("end", onEnd);
        body.on("error", onError);
      },
      (err: unknown) => {
        // Refused, unreachable, an HTTP error or the first-byte deadline: already a RunnerError.
        if (ended) return;
        ended = true;
        failure = err;
        if (waiting) {
          const w = waiting;
          waiting = null;
          w.reject(takeFailure());
        }
      },
    );
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next(): Promise<IteratorResult<ChatEvent[]>> {
      if (!started) start();
      const batch = queue.shift();
      if (batch) {
        if (ahead >= READ_AHEAD && body && !ended) body.resume();
        ahead = 0;
        return Promise.resolve({ value: batch, done: false });
      }
      if (ended)
        return failure !== null
          ? Promise.reject(takeFailure())
          : Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    return(): Promise<IteratorResult<ChatEvent[]>> {
      // The caller stopped early (break, throw): the upstream connection is closed.
      queue.length = 0;
      if (!ended) {
        ended = true;
        failure = null;
        if (body) cleanup();
      }
      return Promise.resolve({ value: undefined, done: true });
    },
  };
}
