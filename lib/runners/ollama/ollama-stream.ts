import { ndjsonBatches } from "../ndjson";
import { RunnerError } from "../runner-error";
import type { ChatEvent } from "../types";
import { jsonInit, type OllamaHttp } from "./ollama-http";
import type { OllamaStreamLine } from "./wire";

/**
 * One streamed Ollama call (/api/chat or /api/generate): NDJSON lines in,
 * runner events out, in the batches that arrived together. `eventsOf` adds
 * the events of one line; an error line, a cut connection or an abort end it
 * the same way for both endpoints.
 */
export async function* ollamaStream<L extends OllamaStreamLine>(
  http: OllamaHttp,
  call: { path: string; body: Record<string, unknown>; firstByteTimeoutMs: number },
  signal: AbortSignal,
  eventsOf: (line: L, batch: ChatEvent[]) => void,
): AsyncGenerator<ChatEvent[]> {
  const { res, release, controller } = await http.open(
    call.path,
    jsonInit("POST", call.body),
    signal,
    call.firstByteTimeoutMs,
  );
  release();
  // Aborting our controller closes the upstream connection: Ollama stops generating.
  const forward = () => controller.abort(signal.reason);
  signal.addEventListener("abort", forward, { once: true });
  let finished = false;
  let cut: NodeJS.Timeout | undefined;
  try {
    if (!res.body) throw new RunnerError("upstream_error", `${http.label} sent an empty answer.`);
    for await (const lines of ndjsonBatches<L>(res.body)) {
      // Past the last line, the answer is read to its end: the connection then goes back to the pool.
      if (finished) continue;
      const batch: ChatEvent[] = [];
      for (const line of lines) {
        if (line.error) {
          // The text that came before the error in the same read still reaches the caller.
          if (batch.length) yield batch;
          throw new RunnerError("upstream_error", `${http.label} failed mid-answer: ${line.error}`);
        }
        eventsOf(line, batch);
        if (line.done) {
          yield batch;
          finished = true;
          // Ollama ends the answer right after its last line; one that lingers loses its connection.
          cut = setTimeout(() => controller.abort(), 1000);
          break;
        }
      }
      if (!finished && batch.length) yield batch;
    }
    if (finished) return;
    throw new RunnerError(
      "upstream_error",
      `${http.label} closed the connection before the answer was complete.`,
    );
  } catch (err) {
    if (finished) return;
    if (signal.aborted) throw signal.reason;
    if (err instanceof RunnerError) throw err;
    throw new RunnerError(
      "upstream_error",
      `${http.label} closed the connection before the answer was complete.`,
      {
        cause: err,
      },
    );
  } finally {
    clearTimeout(cut);
    signal.removeEventListener("abort", forward);
    // An answer read to its end leaves the connection to the pool; any other end closes it.
    if (!finished || res.body.readableLength || !res.body.readableEnded) controller.abort();
  }
}
