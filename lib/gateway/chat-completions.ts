import "server-only";
import { randomBytes } from "node:crypto";
import { AppError, isAppError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/read-json";
import { resolveModel } from "@/lib/runners/registry";
import type { FinishReason, ToolCall, Usage } from "@/lib/runners/types";
import { recordUsage } from "@/lib/usage/record-usage";
import { chatCompletionBody, toChatRequest } from "./chat-request";
import { openAIErrorBody } from "./openai-error";
import { addTokens } from "./rate-limit";
import { SSE_DONE, SSE_HEADERS, SSE_KEEPALIVE, sseData } from "./sse";
import type { ApiCaller } from "./with-api-key";

export const MAX_BODY_BYTES = 20 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;
/** How long a stream waits for its first event before answering 200 anyway. */
const FIRST_EVENT_GRACE_MS = 1000;

const sleep = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref());

/** POST /v1/chat/completions. */
export async function chatCompletions(req: Request, caller: ApiCaller): Promise<Response> {
  const body = await readJson(req, chatCompletionBody, { maxBytes: MAX_BODY_BYTES });
  const { runner, model } = resolveModel(body.model);
  const chatRequest = toChatRequest(body, model);
  await caller.admit({ endpoint: "chat", model: body.model });

  const id = `chatcmpl-${randomBytes(12).toString("base64url")}`;
  const created = Math.floor(Date.now() / 1000);
  const started = performance.now();
  // The runner gets its own controller: the request's signal plus our own stop.
  const controller = new AbortController();
  req.signal.addEventListener("abort", () => controller.abort(), { once: true });
  const usageBase = {
    userId: caller.userId,
    keyPrefix: caller.keyPrefix,
    source: "api" as const,
    endpoint: "/v1/chat/completions",
    model: body.model,
    stream: Boolean(body.stream),
  };
  const finish = (status: number, usage: Usage, ttftMs: number | null) => {
    recordUsage({
      ...usageBase,
      status,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      ttftMs: ttftMs === null ? null : Math.round(ttftMs),
      durationMs: Math.round(performance.now() - started),
    });
    void addTokens(caller.keyId, usage.promptTokens + usage.completionTokens);
  };

  const events = runner.chat(chatRequest, controller.signal)[Symbol.asyncIterator]();

  if (!body.stream) {
    let content = "";
    let reasoning = "";
    const toolCalls: ToolCall[] = [];
    let finishReason: FinishReason = "stop";
    let usage: Usage = { promptTokens: 0, completionTokens: 0 };
    let ttft: number | null = null;
    try {
      for (let next = await events.next(); !next.done; next = await events.next()) {
        const e = next.value;
        ttft ??= performance.now() - started;
        if (e.type === "content") content += e.text;
        else if (e.type === "reasoning") reasoning += e.text;
        else if (e.type === "tool_call") toolCalls.push(e.call);
        else if (e.type === "done") ({ finishReason, usage } = e);
      }
    } catch (err) {
      finish(isAppError(err) ? err.status : 500, usage, ttft);
      throw err;
    }
    finish(200, usage, ttft);
    const message: Record<string, unknown> = {
      role: "assistant",
      content: content || (toolCalls.length ? null : ""),
    };
    if (reasoning) message.reasoning = reasoning;
    if (toolCalls.length) {
      message.tool_calls = toolCalls.map((c) => ({
        id: c.id,
        type: "function",
        function: { name: c.name, arguments: c.arguments },
      }));
    }
    return Response.json({
      id,
      object: "chat.completion",
      created,
      model: body.model,
      system_fingerprint: null,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage: toOpenAIUsage(usage),
    });
  }

  // Streaming: give the runner a moment to fail fast (unknown model,
  // unreachable runner) so that it is a proper HTTP error. A model that is
  // still loading gets the stream started, with keepalives, instead.
  const firstEvent = events.next().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  const early = await Promise.race([firstEvent, sleep(FIRST_EVENT_GRACE_MS)]);
  if (early && "error" in early) {
    finish(
      isAppError(early.error) ? early.error.status : 500,
      { promptTokens: 0, completionTokens: 0 },
      null,
    );
    throw early.error;
  }
  let ttft: number | null = null;
  const includeUsage = Boolean(body.stream_options?.include_usage);
  const chunk = (delta: Record<string, unknown>, finishReason: FinishReason | null = null) => {
    const c: Record<string, unknown> = {
      id,
      object: "chat.completion.chunk",
      created,
      model: body.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (includeUsage) c.usage = null;
    return sseData(c);
  };

  let usage: Usage = { promptTokens: 0, completionTokens: 0 };
  let keepalive: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(out) {
      const arm = () => {
        clearTimeout(keepalive);
        keepalive = setTimeout(() => {
          out.enqueue(SSE_KEEPALIVE);
          arm();
        }, KEEPALIVE_MS);
      };
      arm();
      out.enqueue(chunk({ role: "assistant", content: "" }));
      let status = 200;
      try {
        const first = await firstEvent;
        if ("error" in first) throw first.error;
        ttft = performance.now() - started;
        for (let next = first.result; !next.done; next = await events.next()) {
          const e = next.value;
          arm();
          if (e.type === "content") out.enqueue(chunk({ content: e.text }));
          else if (e.type === "reasoning") out.enqueue(chunk({ reasoning: e.text }));
          else if (e.type === "tool_call") {
            out.enqueue(
              chunk({
                tool_calls: [
                  {
                    index: e.index,
                    id: e.call.id,
                    type: "function",
                    function: { name: e.call.name, arguments: e.call.arguments },
                  },
                ],
              }),
            );
          } else if (e.type === "done") {
            usage = e.usage;
            out.enqueue(chunk({}, e.finishReason));
          }
        }
        if (includeUsage) {
          out.enqueue(
            sseData({
              id,
              object: "chat.completion.chunk",
              created,
              model: body.model,
              system_fingerprint: null,
              choices: [],
              usage: toOpenAIUsage(usage),
            }),
          );
        }
        out.enqueue(SSE_DONE);
      } catch (err) {
        if (controller.signal.aborted) {
          status = 499; // the client went away
        } else {
          const appErr = isAppError(err)
            ? err
            : new AppError("upstream_error", "The model stopped answering unexpectedly.");
          status = appErr.status;
          out.enqueue(sseData(openAIErrorBody(appErr)));
        }
      } finally {
        clearTimeout(keepalive);
        finish(status, usage, ttft);
        try {
          out.close();
        } catch {
          /* already cancelled */
        }
      }
    },
    cancel() {
      clearTimeout(keepalive);
      controller.abort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}

function toOpenAIUsage(u: Usage) {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
  };
}
