import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { takeChatRequest } from "@/lib/gateway/rate-limit";
import { resolveModel } from "@/lib/runners/registry";
import { continueReply } from "./continue-reply";
import { getOwnedChat, getOwnedMessage } from "./get-owned-chat";
import { instanceId } from "./instance-id";
import { messageView } from "./message-view";

/** Answers that ended before they were finished, and so can go on. */
const CONTINUABLE = ["interrupted", "stopped", "error"] as const;

/**
 * The Continue button: the same answer goes on from where it stopped, in the
 * same message (not a new branch, as Regenerate makes). For a reply a restart
 * cut that was not continued by itself (an OpenAI-compatible runner, or one
 * older than a few minutes), and after Stop or a failed runner if the user wants.
 */
export async function continueMessage(input: { userId: string; chatId: string; messageId: string }) {
  const chat = await getOwnedChat(input);
  const old = await getOwnedMessage(input);
  if (old.role !== "assistant" || !old.parentId) {
    throw new AppError("bad_request", "Only an answer can be continued.", { param: "messageId" });
  }
  if (!(CONTINUABLE as readonly string[]).includes(old.status)) {
    throw new AppError(
      "conflict",
      old.status === "streaming" ? "This answer is still being written." : "This answer is already complete.",
    );
  }
  const model = old.model ?? chat.model;
  if (!model) throw new AppError("bad_request", "model: choose a model for this chat", { param: "model" });
  const target = await resolveModel(model);
  await takeChatRequest(input.userId);
  const m = schema.message;
  // Conditional, so a double click or a second tab continues it once.
  const [reply] = await db()
    .update(m)
    .set({
      status: "streaming",
      owner: instanceId(),
      resumeCount: sql`${m.resumeCount} + 1`,
      stopRequested: false,
      error: null,
      updatedAt: new Date(),
    })
    .where(and(eq(m.id, old.id), inArray(m.status, [...CONTINUABLE])))
    .returning();
  if (!reply) throw new AppError("conflict", "This answer is already being continued.");
  await continueReply({ chat, reply, runner: target.runner, model: target.model });
  return { assistantMessage: messageView(reply) };
}
