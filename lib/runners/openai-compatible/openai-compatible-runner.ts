import OpenAI, { APIError } from "openai";
import type { CompletionUsage as OpenAIUsage } from "openai/resources/completions";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { batchReady } from "../batch-ready";
import { RunnerError } from "../runner-error";
import type {
  ChatEvent,
  ChatRequest,
  CompletionRequest,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  ModelInfo,
  Runner,
  Usage,
} from "../types";
import { errorFromOpenAI } from "./openai-errors";
import { toOpenAIChatBody, toOpenAICompletionBody } from "./to-openai-request";
import { ToolCallAssembler } from "./tool-call-assembler";

export interface OpenAICompatibleRunnerOptions {
  /** The connection's name; its models are listed as "<name>/<upstream id>". */
  name: string;
  /** The server's /v1 base, e.g. "http://vllm:8000/v1" or "https://api.openai.com/v1". */
  baseUrl: string;
  /** Sent as a Bearer token; without one no Authorization header is sent. */
  apiKey?: string;
  /** How long the server may take to start answering (a local server may load the model first). */
  firstByteTimeoutMs?: number;
  /** The deadline for listing models. */
  adminTimeoutMs?: number;
}

/** Reasoning arrives as `reasoning` (Ollama, OpenRouter) or `reasoning_content` (vLLM, DeepSeek, llama.cpp). */
type Delta = ChatCompletionChunk.Choice.Delta & {
  reasoning?: string | null;
  reasoning_content?: string | null;
};

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

/**
 * Any OpenAI-compatible /v1 server (vLLM, llama.cpp, LM Studio, OpenAI,
 * OpenRouter) through the official openai client. Requests carry the
 * upstream's own model name; the registry strips the "<name>/" prefix.
 */
export function createOpenAICompatibleRunner(options: OpenAICompatibleRunnerOptions): Runner {
  const label = options.name;
  const adminTimeoutMs = options.adminTimeoutMs ?? 10_000;
  const client = new OpenAI({
    baseURL: options.baseUrl.replace(/\/+$/, ""),
    apiKey: options.apiKey ?? "",
    // A keyless local server gets no "Authorization: Bearer " header at all.
    defaultHeaders: options.apiKey ? undefined : { Authorization: null },
    // Explicit nulls: the client would otherwise pick these up from OPENAI_* variables.
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: Math.max(1, Math.round(options.firstByteTimeoutMs ?? 300_000)),
    // The caller decides whether a failed call is worth repeating.
    maxRetries: 0,
    // Failures reach the caller as RunnerErrors, which Hearth logs itself.
    logLevel: "off",
  });

  /**
   * One streamed call: `open` starts it with our own controller's signal (which
   * also ends the upstream request when the consumer stops reading early),
   * `read` turns each chunk into events and returns its finish reason, if it
   * has one; usage is taken from whichever chunk carries it.
   */
  async function* relay<C extends { usage?: OpenAIUsage | null }>(
    signal: AbortSignal,
    open: (signal: AbortSignal) => Promise<AsyncIterable<C>>,
    read: (chunk: C, batch: ChatEvent[]) => string | null | undefined,
    last: () => ChatEvent[] = () => [],
    calledTools: () => boolean = () => false,
  ): AsyncGenerator<ChatEvent[]> {
    if (signal.aborted) throw signal.reason;
    const controller = new AbortController();
    const forward = () => controller.abort(signal.reason);
    signal.addEventListener("abort", forward, { once: true });
    let finish: string | null = null;
    let usage: Usage | null = null;
    try {
      for await (const chunks of batchReady(await open(controller.signal))) {
        const batch: ChatEvent[] = [];
        for (const chunk of chunks) {
          if (chunk.usage) {
            usage = {
              promptTokens: chunk.usage.prompt_tokens ?? 0,
              completionTokens: chunk.usage.completion_tokens ?? 0,
            };
          }
          finish = read(chunk, batch) || finish;
        }
        if (batch.length) yield batch;
      }
      // The client ends an aborted stream quietly, as if it were complete.
      if (signal.aborted) throw signal.reason;
      if (finish === null) {
        throw new RunnerError(
          "upstream_error",
          `${label} closed the connection before the answer was complete.`,
        );
      }
      // Usage comes after the finish.
      yield [
        ...last(),
        { type: "done", finishReason: finishReasonOf(finish, calledTools()), usage: usage ?? NO_USAGE },
      ];
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      throw errorFromOpenAI(label, err);
    } finally {
      signal.removeEventListener("abort", forward);
      controller.abort();
    }
  }

  function chat(req: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent[]> {
    const calls = new ToolCallAssembler();
    return relay(
      signal,
      (s) => client.chat.completions.create(toOpenAIChatBody(req), { signal: s }),
      (chunk, batch) => {
        // The usage chunk has no choices.
        const choice = chunk.choices?.[0];
        if (!choice) return null;
        const delta: Delta = choice.delta ?? {};
        const reasoning = delta.reasoning || delta.reasoning_content;
        if (reasoning) batch.push({ type: "reasoning", text: reasoning });
        if (delta.content) batch.push({ type: "content", text: delta.content });
        for (const fragment of delta.tool_calls ?? []) calls.add(fragment);
        return choice.finish_reason;
      },
      // Tool calls go out whole, once every fragment has arrived.
      () => calls.events(),
      () => calls.size > 0,
    );
  }

  /** Legacy completions go to the server's own /v1/completions. */
  function complete(req: CompletionRequest, signal: AbortSignal): AsyncGenerator<ChatEvent[]> {
    return relay(
      signal,
      (s) =>
        client.completions.create(toOpenAICompletionBody(req), { signal: s }).catch((err: unknown) => {
          // Many servers (OpenAI's chat models, some local ones) have no legacy completions at all.
          if (err instanceof APIError && (err.status === 404 || err.status === 405)) {
            throw new RunnerError(
              "bad_request",
              `${label} does not offer legacy completions for this model (HTTP ${err.status} from its /v1/completions). Use /v1/chat/completions or /v1/responses.`,
              { param: "model" },
            );
          }
          throw err;
        }),
      (chunk, batch) => {
        const choice = chunk.choices?.[0];
        if (choice?.text) batch.push({ type: "content", text: choice.text });
        return choice?.finish_reason;
      },
    );
  }

  async function listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const models: ModelInfo[] = [];
    try {
      for await (const m of client.models.list({ signal, timeout: adminTimeoutMs })) {
        models.push({
          id: `${options.name}/${m.id}`,
          name: m.id,
          ownedBy: options.name,
          createdAt: typeof m.created === "number" ? m.created : 0,
        });
      }
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw errorFromOpenAI(label, err);
    }
    return models;
  }

  async function embed(req: EmbedRequest, signal: AbortSignal): Promise<EmbedResult> {
    try {
      const res = await client.embeddings.create(
        {
          model: req.model,
          input: req.input,
          // Asked for explicitly: by default the client asks for base64, which local servers may not speak.
          encoding_format: "float",
          ...(req.dimensions !== undefined ? { dimensions: req.dimensions } : {}),
        },
        { signal },
      );
      const data = [...res.data].sort((a, b) => a.index - b.index);
      return { embeddings: data.map((d) => d.embedding), promptTokens: res.usage?.prompt_tokens ?? 0 };
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      throw errorFromOpenAI(label, err);
    }
  }

  return { name: options.name, chat, complete, listModels, embed };
}

function finishReasonOf(finish: string, calledTools: boolean): FinishReason {
  if (finish === "length") return "length";
  if (finish === "content_filter") return "content_filter";
  // Some servers (llama.cpp among them) say "stop" after a tool call.
  if (calledTools || finish === "tool_calls" || finish === "function_call") return "tool_calls";
  return "stop";
}
