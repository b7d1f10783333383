import "server-only";
import { eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { modelCapabilities } from "@/lib/models/model-capabilities";
import type { Runner } from "@/lib/runners/types";
import { conversationContext } from "./conversation-context";
import { startGeneration } from "./generation/run-generation";
import type { Chat } from "./get-owned-chat";

type MessageRow = typeof schema.message.$inferSelect;

/**
 * Goes on with a reply that was cut, in this process, appending to its row.
 * The row must already be claimed (streaming, owned here). The runner gets the
 * conversation plus the partial reply as a final assistant message, which a
 * model continues rather than answering anew (Ollama leaves a final assistant
 * message open in the prompt template).
 */
export async function continueReply(input: {
  chat: Chat;
  reply: MessageRow;
  runner: Runner;
  model: string;
}): Promise<void> {
  const { chat, reply } = input;
  try {
    const { messages } = await conversationContext({ chat, leafId: reply.parentId! });
    if (reply.content) messages.push({ role: "assistant", content: reply.content });
    // Thinking only when nothing was said yet: reasoning already shown is kept, not redone.
    const think =
      !reply.content &&
      !reply.reasoning &&
      ((await modelCapabilities(reply.model ?? "")) ?? []).includes("thinking");
    startGeneration({
      messageId: reply.id,
      chatId: chat.id,
      userId: chat.userId,
      runner: input.runner,
      request: {
        model: input.model,
        messages,
        ...(chat.temperature !== null ? { temperature: chat.temperature } : {}),
        ...(think ? { think: true } : {}),
      },
      continueFrom: { content: reply.content, reasoning: reply.reasoning },
    });
  } catch (err) {
    // Claimed but not started: give it back as it was, rather than leave it streaming.
    await db()
      .update(schema.message)
      .set({ status: "interrupted", owner: null, updatedAt: new Date() })
      .where(eq(schema.message.id, reply.id))
      .catch(() => {});
    throw err;
  }
}

/** Logs, never throws: for the boot and the periodic sweep. */
export function reportContinueFailure(err: unknown, messageId: string) {
  logger().warn({ err, messageId }, "could not continue a reply cut off by a restart");
}
