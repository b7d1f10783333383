import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { resolveModel } from "@/lib/runners/registry";
import type { ChatMessage } from "@/lib/runners/types";
import { startGeneration } from "./generation/run-generation";
import { getMessagePath } from "./get-message-path";
import { getOwnedChat } from "./get-owned-chat";
import { instanceId } from "./instance-id";

export const sendMessageInput = z.object({
  content: z.string().trim().min(1, "write a message first").max(500_000, "at most 500,000 characters"),
  /** Reply under this message; by default, after the branch last shown. */
  parentId: z.uuid().nullish(),
  model: z.string().min(1).max(200).nullish(),
});

/**
 * Stores the user's message and an empty `streaming` answer in one
 * transaction, then starts generating in this process. The answer goes on
 * whether or not anyone is watching.
 */
export async function sendMessage(
  input: { userId: string; chatId: string } & z.infer<typeof sendMessageInput>,
) {
  const chat = await getOwnedChat(input);
  const model = input.model ?? chat.model;
  if (!model) throw new AppError("bad_request", "model: choose a model for this chat", { param: "model" });
  const parentId = input.parentId === undefined ? chat.currentLeafId : input.parentId;
  const m = schema.message;

  const { userMessage, assistantMessage } = await db().transaction(async (tx) => {
    if (parentId) {
      const [parent] = await tx
        .select({ id: m.id })
        .from(m)
        .where(and(eq(m.id, parentId), eq(m.chatId, chat.id)));
      if (!parent) throw new AppError("not_found", "No such message to reply to.", { param: "parentId" });
    }
    const [userMessage] = await tx
      .insert(m)
      .values({ chatId: chat.id, parentId: parentId ?? null, role: "user", content: input.content })
      .returning();
    const [assistantMessage] = await tx
      .insert(m)
      .values({
        chatId: chat.id,
        parentId: userMessage!.id,
        role: "assistant",
        status: "streaming",
        model,
        owner: instanceId(),
      })
      .returning();
    await tx
      .update(schema.chat)
      .set({ currentLeafId: assistantMessage!.id, model, updatedAt: new Date() })
      .where(eq(schema.chat.id, chat.id));
    return { userMessage: userMessage!, assistantMessage: assistantMessage! };
  });

  const path = await getMessagePath({ chatId: chat.id, leafId: userMessage.id });
  const messages: ChatMessage[] = [];
  if (chat.systemPrompt) messages.push({ role: "system", content: chat.systemPrompt });
  for (const p of path) {
    // An answer that failed before saying anything adds nothing to the context.
    if (p.role === "assistant" && !p.content) continue;
    messages.push({ role: p.role, content: p.content });
  }
  const { runner, model: runnerModel } = resolveModel(model);
  startGeneration({
    messageId: assistantMessage.id,
    userId: input.userId,
    runner,
    request: {
      model: runnerModel,
      messages,
      ...(chat.temperature !== null ? { temperature: chat.temperature } : {}),
    },
  });
  return { userMessage, assistantMessage };
}
