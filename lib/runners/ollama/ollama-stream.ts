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
  try {
    if (!res.body) throw new RunnerError("upstream_error", `${http.label} sent an empty answer.`);
    for await (const lines of ndjsonBatches<L>(res.body)) {
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
          return;
        }
      }
      if (batch.length) yield batch;
    }
    throw new RunnerError(
      "upstream_error",
      `${http.label} closed the connection before the answer was complete.`,
    );
  } catch (err) {
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
    signal.removeEventListener("abort", forward);
    controller.abort();
  }
}
