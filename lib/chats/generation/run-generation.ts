import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import type { ChatRequest, Runner, Usage } from "@/lib/runners/types";
import { recordEvent } from "@/lib/events/record-event";
import { addTokens } from "@/lib/gateway/rate-limit";
import { recordUsage } from "@/lib/usage/record-usage";
import { Generation, generations, type FinalStatus } from "./live-generations";

/** Text reaches the row at least this often while tokens arrive... */
const FLUSH_EVERY_MS = 500;
/** ...or sooner, after this many runner events. */
const FLUSH_AFTER_EVENTS = 64;
/** And the row's updated_at is touched this often even while the model is silent. */
export const HEARTBEAT_MS = 2000;

/**
 * Generates one assistant reply in this process, independent of any browser
 * request: the text lives in memory (for followers) and is written to the row
 * in batches, never per token. Returns at once; the work goes on.
 */
export function startGeneration(input: GenerationInput): Generation {
  const gen = new Generation();
  // A reply taken up again goes on from its saved text: followers' offsets stay valid.
  gen.content = input.continueFrom?.content ?? "";
  gen.reasoning = input.continueFrom?.reasoning ?? "";
  generations.set(input.messageId, gen);
  void run(gen, input).finally(() => generations.delete(input.messageId));
  return gen;
}

export interface GenerationInput {
  messageId: string;
  chatId: string;
  userId: string;
  runner: Runner;
  request: ChatRequest;
  /** Whose usage this is: the user's own chat (default) or a visitor of their embed, by its key's prefix. */
  usage?: { source: "chat" | "embed"; keyPrefix: string | null };
  /** Called once the reply is complete (e.g. to title a new chat). */
  onComplete?: (text: string) => void;
  /** The text a cut reply already has, which the runner's output is appended to. */
  continueFrom?: { content: string; reasoning: string };
}

async function run(gen: Generation, input: GenerationInput) {
  const m = schema.message;
  const started = performance.now();
  let ttft: number | null = null;
  let pendingEvents = 0;
  let lastFlush = Date.now();
  let flushing: Promise<void> | null = null;
  let usage: Usage = { promptTokens: 0, completionTokens: 0 };

  const flush = () => {
    if (flushing) return flushing;
    pendingEvents = 0;
    lastFlush = Date.now();
    // The whole text each time: idempotent, and updated_at doubles as a heartbeat.
    flushing = db()
      .update(m)
      .set({ content: gen.content, reasoning: gen.reasoning, updatedAt: new Date() })
      .where(and(eq(m.id, input.messageId), eq(m.status, "streaming")))
      .returning({ stopRequested: m.stopRequested })
      .then(([row]) => {
        // Stop pressed on another replica reaches us through the row.
        if (row?.stopRequested) gen.controller.abort("stopped");
      })
      .catch((err: unknown) =>
        logger().warn({ err, messageId: input.messageId }, "could not save a reply's progress"),
      )
      .finally(() => {
        flushing = null;
      });
    return flushing;
  };
  const timer = setInterval(() => {
    if (pendingEvents > 0 || Date.now() - lastFlush >= HEARTBEAT_MS) void flush();
  }, FLUSH_EVERY_MS);

  let status: FinalStatus = "complete";
  let error: string | null = null;
  try {
    for await (const batch of input.runner.chat(input.request, gen.controller.signal)) {
      ttft ??= performance.now() - started;
      for (const e of batch) {
        if (e.type === "content") gen.append("content", e.text);
        else if (e.type === "reasoning") gen.append("reasoning", e.text);
        else if (e.type === "done") usage = e.usage;
      }
      pendingEvents += batch.length;
      if (pendingEvents >= FLUSH_AFTER_EVENTS) void flush();
    }
  } catch (err) {
    if (gen.controller.signal.aborted) {
      status = gen.controller.signal.reason === "interrupted" ? "interrupted" : "stopped";
    } else {
      status = "error";
      error = isAppError(err) ? err.message : "The model stopped answering unexpectedly.";
      if (!isAppError(err)) logger().error({ err, messageId: input.messageId }, "generation failed");
    }
  } finally {
    clearInterval(timer);
  }

  await flushing;
  await db()
    .update(m)
    .set({
      content: gen.content,
      reasoning: gen.reasoning,
      status,
      error,
      owner: null,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      updatedAt: new Date(),
    })
    .where(eq(m.id, input.messageId))
    .catch((err: unknown) =>
      logger().error({ err, messageId: input.messageId }, "could not save a finished reply"),
    );
  gen.finish(status, error);
  if (status === "complete") input.onComplete?.(gen.content);
  recordUsage({
    userId: input.userId,
    keyPrefix: input.usage?.keyPrefix ?? null,
    source: input.usage?.source ?? "chat",
    endpoint: "chat",
    model: input.request.model,
    stream: true,
    status: status === "error" ? 502 : 200,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    ttftMs: ttft === null ? null : Math.round(ttft),
    durationMs: Math.round(performance.now() - started),
  });
  void addTokens({ userId: input.userId, tokens: usage.promptTokens + usage.completionTokens });
  // After the reply is saved; the chat never waits for it (webhooks are delivered by the job queue).
  if (status === "complete") {
    void recordEvent(
      "chat.message.completed",
      {
        chatId: input.chatId,
        messageId: input.messageId,
        model: input.request.model,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        totalTokens: usage.promptTokens + usage.completionTokens,
        durationMs: Math.round(performance.now() - started),
      },
      undefined,
      input.userId,
    );
  }
}
