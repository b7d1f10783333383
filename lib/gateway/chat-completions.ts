import "server-only";
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { AppError, isAppError } from "@/lib/errors";
import { SSE_DONE, SSE_HEADERS, SSE_KEEPALIVE, sseData } from "@/lib/http/sse";
import { resolveModel } from "@/lib/runners/registry";
import type { ChatEvent, FinishReason, ToolCall, Usage } from "@/lib/runners/types";
import { recordUsage } from "@/lib/usage/record-usage";
import { jsonReply, readApiJson, type ApiReply, type ApiRequest, type StreamSink } from "./api-call";
import { chatCompletionBody, toChatRequest } from "./chat-request";
import { chunkEncoder, toOpenAIUsage } from "./chunk-encoder";
import { openAIErrorBody } from "./openai-error";
import { addTokens } from "./rate-limit";
import type { ApiCaller } from "./with-api-key";

export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** How long a stream waits for its first event before answering 200 anyway. */
const FIRST_EVENT_GRACE_MS = 1000;

const sleep = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref());
const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

/** POST /v1/chat/completions. */
export async function chatCompletions(req: ApiRequest, caller: ApiCaller): Promise<ApiReply> {
  const body = await readApiJson(req, chatCompletionBody, { maxBytes: MAX_BODY_BYTES });
  const { runner, model } = await resolveModel(body.model);
  const chatRequest = toChatRequest(body, model);
  await caller.admit({ endpoint: "chat", model: body.model });

  const id = `chatcmpl-${randomBytes(12).toString("base64url")}`;
  const created = Math.floor(Date.now() / 1000);
  const started = performance.now();
  // The runner gets its own controller: the request's signal plus our own stop.
  const controller = new AbortController();
  req.signal.addEventListener("abort", () => controller.abort(), { once: true });
  const finish = (status: number, usage: Usage, ttftMs: number | null) => {
    recordUsage({
      userId: caller.userId,
      keyPrefix: caller.keyPrefix,
      source: "api",
      endpoint: "/v1/chat/completions",
      model: body.model,
      stream: Boolean(body.stream),
      status,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      ttftMs: ttftMs === null ? null : Math.round(ttftMs),
      durationMs: Math.round(performance.now() - started),
    });
    void addTokens({
      keyId: caller.keyId,
      userId: caller.userId,
      tokens: usage.promptTokens + usage.completionTokens,
    });
  };
  const batches = runner.chat(chatRequest, controller.signal)[Symbol.asyncIterator]();

  if (!body.stream) {
    const reply = {
      content: "",
      reasoning: "",
      toolCalls: [] as ToolCall[],
      finishReason: "stop" as FinishReason,
      usage: NO_USAGE,
    };
    let ttft: number | null = null;
    try {
      for (let next = await batches.next(); !next.done; next = await batches.next()) {
        ttft ??= performance.now() - started;
        for (const e of next.value) collect(reply, e);
      }
    } catch (err) {
      finish(isAppError(err) ? err.status : controller.signal.aborted ? 499 : 500, reply.usage, ttft);
      throw err;
    }
    finish(200, reply.usage, ttft);
    const message: Record<string, unknown> = {
      role: "assistant",
      content: reply.content || (reply.toolCalls.length ? null : ""),
    };
    if (reply.reasoning) message.reasoning = reply.reasoning;
    if (reply.toolCalls.length) {
      message.tool_calls = reply.toolCalls.map((c) => ({
        id: c.id,
        type: "function",
        function: { name: c.name, arguments: c.arguments },
      }));
    }
    return jsonReply({
      id,
      object: "chat.completion",
      created,
      model: body.model,
      system_fingerprint: null,
      choices: [{ index: 0, message, logprobs: null, finish_reason: reply.finishReason }],
      usage: toOpenAIUsage(reply.usage),
    });
  }

  // Streaming: give the runner a moment to fail fast (unknown model,
  // unreachable runner) so that it is a proper HTTP error. A model that is
  // still loading gets the stream started, with keepalives, instead.
  const firstBatch = batches.next().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  const early = await Promise.race([firstBatch, sleep(FIRST_EVENT_GRACE_MS)]);
  if (early && "error" in early) {
    finish(isAppError(early.error) ? early.error.status : 500, NO_USAGE, null);
    throw early.error;
  }

  const frames = chunkEncoder({
    id,
    created,
    model: body.model,
    includeUsage: Boolean(body.stream_options?.include_usage),
  });
  const keepaliveMs = config().sseKeepaliveMs;
  let keepalive: NodeJS.Timeout | undefined;
  const run = async (out: StreamSink) => {
    // One timer for the stream, pushed back by each batch (refresh() allocates nothing).
    const timer = setTimeout(() => {
      out.write(SSE_KEEPALIVE);
      timer.refresh();
    }, keepaliveMs);
    keepalive = timer;
    const arm = () => timer.refresh();
    // The role chunk goes out at once: the client knows the answer has begun.
    out.write(frames.opening());
    let text = "";
    let usage = NO_USAGE;
    let ttft: number | null = null;
    let status = 200;
    try {
      const first = await firstBatch;
      if ("error" in first) throw first.error;
      ttft = performance.now() - started;
      for (let next = first.result; !next.done; next = await batches.next()) {
        arm();
        text += frames.events(next.value);
        for (const e of next.value) if (e.type === "done") usage = e.usage;
        // One write per batch that arrived together, not one per token.
        out.write(text);
        text = "";
      }
      if (body.stream_options?.include_usage) out.write(frames.usage(usage));
      out.write(SSE_DONE);
    } catch (err) {
      if (controller.signal.aborted) {
        status = 499; // the client went away
      } else {
        const appErr = isAppError(err)
          ? err
          : new AppError("upstream_error", "The model stopped answering unexpectedly.");
        status = appErr.status;
        if (text) out.write(text);
        out.write(sseData(openAIErrorBody(appErr)));
      }
    } finally {
      clearTimeout(keepalive);
      finish(status, usage, ttft);
    }
  };
  const cancel = () => {
    clearTimeout(keepalive);
    controller.abort();
  };
  return { kind: "stream", status: 200, headers: { ...SSE_HEADERS }, run, cancel };
}

function collect(
  reply: {
    content: string;
    reasoning: string;
    toolCalls: ToolCall[];
    finishReason: FinishReason;
    usage: Usage;
  },
  e: ChatEvent,
) {
  if (e.type === "content") reply.content += e.text;
  else if (e.type === "reasoning") reply.reasoning += e.text;
  else if (e.type === "tool_call") reply.toolCalls.push(e.call);
  else if (e.type === "done") {
    reply.finishReason = e.finishReason;
    reply.usage = e.usage;
  }
}
