import { randomBytes } from "node:crypto";
import { ndjsonBatches } from "../ndjson";
import { errorFromFetch, errorFromUpstream, RunnerError } from "../runner-error";
import type {
  ChatEvent,
  ChatRequest,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  ModelInfo,
  Runner,
} from "../types";
import { toOllamaChatBody } from "./to-ollama-request";
import type { OllamaChatLine, OllamaTag } from "./wire";

export interface OllamaRunnerOptions {
  baseUrl: string;
  name?: string;
  /** How long Ollama may take to send its first byte (it loads the model first). */
  firstByteTimeoutMs?: number;
}

const LABEL = "Ollama";

/** Ollama through its native API: NDJSON streams translated to runner events. */
export function createOllamaRunner(options: OllamaRunnerOptions): Runner {
  const base = options.baseUrl.replace(/\/+$/, "");
  const firstByteTimeoutMs = options.firstByteTimeoutMs ?? 300_000;

  /** POST/GET with the caller's signal and a deadline for the response headers. */
  async function request(
    path: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    const controller = new AbortController();
    const forward = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", forward, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const release = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    };
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { ...init, signal: controller.signal });
    } catch (err) {
      release();
      if (signal?.aborted) throw signal.reason;
      const code = (err as { cause?: { code?: string } }).cause?.code;
      throw errorFromFetch(
        LABEL,
        err,
        timedOut ? "first-byte" : code === "UND_ERR_CONNECT_TIMEOUT" ? "connect" : null,
      );
    }
    if (!res.ok) {
      release();
      const text = await res.text().catch(() => "");
      throw errorFromUpstream(LABEL, res.status, errorMessageOf(text));
    }
    return { res, release, controller };
  }

  async function* chat(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent[]> {
    const { res, release, controller } = await request(
      "/api/chat",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(toOllamaChatBody(req)),
      },
      signal,
      firstByteTimeoutMs,
    );
    release();
    // Aborting our controller closes the upstream connection: Ollama stops generating.
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener("abort", forward, { once: true });
    let toolCalls = 0;
    try {
      for await (const lines of readLines(res)) {
        const batch: ChatEvent[] = [];
        for (const line of lines) {
          if (line.error)
            throw new RunnerError("upstream_error", `${LABEL} failed mid-answer: ${line.error}`);
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
            return;
          }
        }
        if (batch.length) yield batch;
      }
      throw new RunnerError(
        "upstream_error",
        `${LABEL} closed the connection before the answer was complete.`,
      );
    } catch (err) {
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
      signal.removeEventListener("abort", forward);
      controller.abort();
    }
  }

  async function listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const { res, release } = await request("/api/tags", { method: "GET" }, signal, 10_000);
    try {
      const body = (await res.json()) as { models?: OllamaTag[] };
      return (body.models ?? []).map((m) => ({
        id: m.name,
        name: m.name,
        ownedBy: "ollama",
        createdAt: m.modified_at ? Math.floor(Date.parse(m.modified_at) / 1000) : 0,
      }));
    } finally {
      release();
    }
  }

  async function embed(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
    const body: Record<string, unknown> = { model: req.model, input: req.input };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    const { res, release } = await request(
      "/api/embed",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      signal,
      firstByteTimeoutMs,
    );
    try {
      const out = (await res.json()) as { embeddings?: number[][]; prompt_eval_count?: number };
      return { embeddings: out.embeddings ?? [], promptTokens: out.prompt_eval_count ?? 0 };
    } finally {
      release();
    }
  }

  return { name: options.name ?? "ollama", chat, listModels, embed };
}

function readLines(res: Response): AsyncGenerator<OllamaChatLine[]> {
  if (!res.body) throw new RunnerError("upstream_error", `${LABEL} sent an empty answer.`);
  return ndjsonBatches<OllamaChatLine>(res.body);
}

function finishReasonOf(doneReason: string | undefined, calledTools: boolean): FinishReason {
  if (calledTools) return "tool_calls";
  return doneReason === "length" ? "length" : "stop";
}

function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    /* not JSON: Ollama's plain-text 404 */
  }
  return text.trim().slice(0, 200);
}
