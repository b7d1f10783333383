import "server-only";
import { config } from "@/lib/config";
import { AppError, isAppError } from "@/lib/errors";
import { SSE_HEADERS, SSE_KEEPALIVE, sseFrame } from "@/lib/http/sse";
import type { ChatEvent, FinishReason, ToolCall, Usage } from "@/lib/runners/types";
import { observeV1Generation, openV1Stream } from "@/lib/metrics/observe-generation";
import { recordUsage } from "@/lib/usage/record-usage";
import { wantsCompletionContent } from "@/lib/webhooks/queue-completion-events";
import { openAIErrorBody } from "./openai-error";
import type { ApiReply, StreamSink } from "./api-call";
import { addTokens } from "./rate-limit";
import type { ApiCaller } from "./with-api-key";

/**
 * What every generating /v1 endpoint (chat completions, responses, legacy
 * completions) shares around the runner's event stream: the abort that
 * follows the client, the usage row and token count, and the SSE relay with
 * its keepalives. Each endpoint brings only its own wire format.
 */

/** How long a stream waits for its first event before answering 200 anyway. */
const FIRST_EVENT_GRACE_MS = 1000;

export const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

export interface Generation {
  /** The runner's signal: the client's plus our own stop. */
  readonly signal: AbortSignal;
  /** Whether the reply's text goes to the user's webhooks (one opted into content). */
  readonly keepsContent: boolean;
  /** The usage row and the token count, once per request (the text only when `keepsContent`). */
  finish(status: number, usage: Usage, ttftMs: number | null, content?: string): void;
  /** Milliseconds since the request began. */
  elapsed(): number;
}

export function startGeneration(
  req: { signal: AbortSignal },
  caller: ApiCaller,
  what: { endpoint: string; model: string; stream: boolean },
): Generation & { controller: AbortController } {
  const started = performance.now();
  const controller = new AbortController();
  const keepsContent = wantsCompletionContent(caller.userId);
  req.signal.addEventListener("abort", () => controller.abort(), { once: true });
  return {
    controller,
    signal: controller.signal,
    keepsContent,
    elapsed: () => performance.now() - started,
    finish(status, usage, ttftMs, content) {
      recordUsage({
        userId: caller.userId,
        keyPrefix: caller.keyPrefix,
        source: "api",
        endpoint: what.endpoint,
        model: what.model,
        stream: what.stream,
        status,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        ttftMs: ttftMs === null ? null : Math.round(ttftMs),
        durationMs: Math.round(performance.now() - started),
        ...(content !== undefined && keepsContent ? { content } : {}),
      });
      observeV1Generation({ model: what.model, status, usage, ttftMs });
      void addTokens({
        keyId: caller.keyId,
        userId: caller.userId,
        tokens: usage.promptTokens + usage.completionTokens,
      });
    },
  };
}

/** A whole reply, gathered from the events (non-streamed answers). */
export interface Reply {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * Runs the generation to its end, handing every event to `visit`; records
 * usage whether it ends well or not. Errors are rethrown for the guard.
 */
export async function collectReply(
  gen: Generation & { controller: AbortController },
  events: AsyncIterable<ChatEvent[]>,
  visit?: (e: ChatEvent) => void,
): Promise<Reply> {
  const reply: Reply = { content: "", reasoning: "", toolCalls: [], finishReason: "stop", usage: NO_USAGE };
  let ttft: number | null = null;
  try {
    for await (const batch of events) {
      ttft ??= gen.elapsed();
      for (const e of batch) {
        if (e.type === "content") reply.content += e.text;
        else if (e.type === "reasoning") reply.reasoning += e.text;
        else if (e.type === "tool_call") reply.toolCalls.push(e.call);
        else if (e.type === "done") {
          reply.finishReason = e.finishReason;
          reply.usage = e.usage;
        }
        visit?.(e);
      }
    }
  } catch (err) {
    gen.finish(
      isAppError(err) ? err.status : gen.controller.signal.aborted ? 499 : 500,
      reply.usage,
      ttft,
      reply.content,
    );
    throw err;
  }
  gen.finish(200, reply.usage, ttft, reply.content);
  return reply;
}

/** An error in the middle of a chat or completion stream: both SDKs raise `data: {"error": ...}` as an APIError. */
export const errorFrame = (err: AppError) => sseFrame(JSON.stringify(openAIErrorBody(err)));

/** One endpoint's SSE wire format. */
export interface SseFrames {
  /** Sent as soon as the stream starts: the client knows the answer has begun. */
  opening(): string;
  /** The frames of a batch of events that arrived together. */
  events(batch: ChatEvent[]): string;
  /** After the last event. */
  closing(usage: Usage): string | Promise<string>;
  /** The model failed or stopped answering mid-stream. */
  failure(err: AppError, usage: Usage): string | Promise<string>;
}

/**
 * Streams a generation as server-sent events. The runner gets a moment to
 * fail fast (unknown model, unreachable runner) so that it is a proper HTTP
 * error; a model that is still loading gets the stream started, with
 * keepalives, instead. One write per batch, not one per token.
 */
export async function relaySse(
  gen: Generation & { controller: AbortController },
  events: AsyncIterable<ChatEvent[]>,
  frames: SseFrames,
): Promise<ApiReply> {
  const batches = events[Symbol.asyncIterator]();
  const firstBatch = batches.next().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  // The grace's timer is cleared as soon as the first event comes: most answers start within it.
  let grace: NodeJS.Timeout | undefined;
  const early = await Promise.race([
    firstBatch,
    new Promise<null>((resolve) => (grace = setTimeout(resolve, FIRST_EVENT_GRACE_MS, null).unref())),
  ]);
  clearTimeout(grace);
  if (early && "error" in early) {
    gen.finish(isAppError(early.error) ? early.error.status : 500, NO_USAGE, null);
    throw early.error;
  }

  const keepaliveMs = config().sseKeepaliveMs;
  let keepalive: NodeJS.Timeout | undefined;
  const run = async (out: StreamSink) => {
    // One timer for the stream, pushed back by each batch (refresh() allocates nothing).
    const timer = setTimeout(() => {
      out.write(SSE_KEEPALIVE);
      timer.refresh();
    }, keepaliveMs);
    keepalive = timer;
    const closeStream = openV1Stream();
    out.write(frames.opening());
    let text = "";
    let usage = NO_USAGE;
    let kept = gen.keepsContent ? "" : undefined;
    let ttft: number | null = null;
    let status = 200;
    try {
      const first = await firstBatch;
      if ("error" in first) throw first.error;
      ttft = gen.elapsed();
      for (let next = first.result; !next.done; next = await batches.next()) {
        timer.refresh();
        text += frames.events(next.value);
        for (const e of next.value) {
          if (e.type === "done") usage = e.usage;
          else if (kept !== undefined && e.type === "content") kept += e.text;
        }
        // One write per batch that arrived together, not one per token; a client
        // that reads slower than the model writes holds the model back.
        const more = out.write(text);
        text = "";
        if (!more) await out.drained();
      }
      out.write(await frames.closing(usage));
    } catch (err) {
      if (gen.controller.signal.aborted) {
        status = 499; // the client went away
      } else {
        const appErr = isAppError(err)
          ? err
          : new AppError("upstream_error", "The model stopped answering unexpectedly.");
        status = appErr.status;
        if (text) out.write(text);
        out.write(await frames.failure(appErr, usage));
      }
    } finally {
      clearTimeout(keepalive);
      closeStream();
      gen.finish(status, usage, ttft, kept);
    }
  };
  const cancel = () => {
    clearTimeout(keepalive);
    gen.controller.abort();
  };
  return { kind: "stream", status: 200, headers: { ...SSE_HEADERS }, run, cancel };
}
