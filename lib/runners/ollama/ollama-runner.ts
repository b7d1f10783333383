import { randomBytes } from "node:crypto";
import type {
  ChatEvent,
  ChatRequest,
  CompletionRequest,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  ModelInfo,
  Runner,
} from "../types";
import { ollamaAdmin, type OllamaAdmin } from "./ollama-admin";
import { jsonInit, LABEL, ollamaHttp } from "./ollama-http";
import { ollamaStream } from "./ollama-stream";
import { toOllamaChatBody, toOllamaGenerateBody } from "./to-ollama-request";
import type { OllamaChatLine, OllamaGenerateLine, OllamaStreamLine, OllamaTag } from "./wire";

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
  const http = ollamaHttp(options.baseUrl, options.name ?? LABEL);
  const firstByteTimeoutMs = options.firstByteTimeoutMs ?? 300_000;
  const adminTimeoutMs = options.adminTimeoutMs ?? 10_000;

  function chat(req: ChatRequest, signal: AbortSignal): AsyncIterable<ChatEvent[]> {
    let toolCalls = 0;
    const call = { path: "/api/chat", body: toOllamaChatBody(req), firstByteTimeoutMs };
    return ollamaStream<OllamaChatLine>(http, call, signal, (line, batch) => {
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
      if (line.done) batch.push(doneEvent(line, toolCalls > 0));
    });
  }

  /** Legacy completions through /api/generate: the prompt continued, no roles. */
  function complete(req: CompletionRequest, signal: AbortSignal): AsyncIterable<ChatEvent[]> {
    const call = { path: "/api/generate", body: toOllamaGenerateBody(req), firstByteTimeoutMs };
    return ollamaStream<OllamaGenerateLine>(http, call, signal, (line, batch) => {
      if (line.response) batch.push({ type: "content", text: line.response });
      if (line.done) batch.push(doneEvent(line, false));
    });
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
    complete,
    listModels,
    embed,
    ...ollamaAdmin(http, { timeoutMs: adminTimeoutMs }),
  };
}

function doneEvent(line: OllamaStreamLine, calledTools: boolean): ChatEvent {
  return {
    type: "done",
    finishReason: finishReasonOf(line.done_reason, calledTools),
    usage: { promptTokens: line.prompt_eval_count ?? 0, completionTokens: line.eval_count ?? 0 },
  };
}

function finishReasonOf(doneReason: string | undefined, calledTools: boolean): FinishReason {
  if (calledTools) return "tool_calls";
  return doneReason === "length" ? "length" : "stop";
}
