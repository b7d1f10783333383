import { randomBytes } from "node:crypto";
import { ndjsonBatches } from "../ndjson";
import { RunnerError } from "../runner-error";
import type {
  ChatEvent,
  ChatRequest,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  ModelInfo,
  Runner,
} from "../types";
import { ollamaAdmin, type OllamaAdmin } from "./ollama-admin";
import { jsonInit, LABEL, ollamaHttp, type UpstreamResponse } from "./ollama-http";
import { toOllamaChatBody } from "./to-ollama-request";
import type { OllamaChatLine, OllamaTag } from "./wire";

export type {
  InstalledModel,
  OllamaAdmin,
  OllamaModelDetails,
  PullProgress,
  RunningModel,
} from "./ollama-admin";

export interface OllamaRunnerOptions {
  baseUrl: string;
  name?: string;
  /** How long Ollama may take to send its first byte (it loads the model first). */
  firstByteTimeoutMs?: number;
  /** The deadline of the quick calls: tags, version, show, ps, delete, and the start of a pull. */
  adminTimeoutMs?: number;
}

/** The Ollama runner: the Runner interface plus Ollama's model management. */
export type OllamaRunner = Runner & OllamaAdmin;

/** Ollama through its native API: NDJSON streams translated to runner events. */
export function createOllamaRunner(options: OllamaRunnerOptions): OllamaRunner {
  const http = ollamaHttp(options.baseUrl);
  const firstByteTimeoutMs = options.firstByteTimeoutMs ?? 300_000;
  const adminTimeoutMs = options.adminTimeoutMs ?? 10_000;

  async function* chat(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent[]> {
    const { res, release, controller } = await http.open(
      "/api/chat",
      jsonInit("POST", toOllamaChatBody(req)),
      signal,
      firstByteTimeoutMs,
    );
    release();
    // Aborting our controller closes the upstream connection: Ollama stops generating.
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener("abort", forward, { once: true });
    let toolCalls = 0;
    let finished = false;
    let cut: NodeJS.Timeout | undefined;
    try {
      for await (const lines of readLines(res)) {
        // Past the last line, the answer is read to its end: the connection then goes back to the pool.
        if (finished) continue;
        const batch: ChatEvent[] = [];
        for (const line of lines) {
          if (line.error) {
            // The text that came before the error in the same read still reaches the caller.
            if (batch.length) yield batch;
            throw new RunnerError("upstream_error", `${LABEL} failed mid-answer: ${line.error}`);
          }
          const m = line.message;
          if (m?.thinking) batch.push({ type: "reasoning", text: m.thinking });
          if (m?.content) batch.push({ type: "content", text: m.content });
          for (const call of m?.tool_calls ?? []) {
            const args = call.function.arguments;
            batch.push({
              type: "tool_call",
              index: toolCalls++,
              call: {
                // Ollama's calls carry no id; OpenAI clients need one to answer with.
                id: `call_${randomBytes(12).toString("base64url")}`,
                name: call.function.name,
                arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
              },
            });
          }
          if (line.done) {
            batch.push({
              type: "done",
              finishReason: finishReasonOf(line.done_reason, toolCalls > 0),
              usage: { promptTokens: line.prompt_eval_count ?? 0, completionTokens: line.eval_count ?? 0 },
            });
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
        `${LABEL} closed the connection before the answer was complete.`,
      );
    } catch (err) {
      if (finished) return;
      if (signal.aborted) throw signal.reason;
      if (err instanceof RunnerError) throw err;
      throw new RunnerError(
        "upstream_error",
        `${LABEL} closed the connection before the answer was complete.`,
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

  async function listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const body = await http.json<{ models?: OllamaTag[] }>(
      "/api/tags",
      { method: "GET" },
      signal,
      adminTimeoutMs,
    );
    return (body.models ?? []).map((m) => ({
      id: m.name,
      name: m.name,
      ownedBy: "ollama",
      createdAt: m.modified_at ? Math.floor(Date.parse(m.modified_at) / 1000) : 0,
    }));
  }

  async function embed(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
    const body: Record<string, unknown> = { model: req.model, input: req.input };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    const out = await http.json<{ embeddings?: number[][]; prompt_eval_count?: number }>(
      "/api/embed",
      jsonInit("POST", body),
      signal,
      firstByteTimeoutMs,
    );
    return { embeddings: out.embeddings ?? [], promptTokens: out.prompt_eval_count ?? 0 };
  }

  return {
    name: options.name ?? "ollama",
    chat,
    listModels,
    embed,
    ...ollamaAdmin(http, { timeoutMs: adminTimeoutMs }),
  };
}

function readLines(res: UpstreamResponse): AsyncGenerator<OllamaChatLine[]> {
  if (!res.body) throw new RunnerError("upstream_error", `${LABEL} sent an empty answer.`);
  return ndjsonBatches<OllamaChatLine>(res.body);
}

function finishReasonOf(doneReason: string | undefined, calledTools: boolean): FinishReason {
  if (calledTools) return "tool_calls";
  return doneReason === "length" ? "length" : "stop";
}
