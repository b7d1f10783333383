import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { beginGeneration, insertReply } from "@/lib/chats/send-message";
import { postgresLimiter, takePoints } from "@/lib/rate-limit/postgres-limiter";
import { resolveModel } from "@/lib/runners/registry";
import { embedTokensToday } from "./embed-stats";
import type { VisitorSendResult } from "./schemas";
import { embedMessageView, findVisitorChat } from "./visitor-conversation";
import type { EmbedVisitor } from "./with-embed-visitor";

/** One address may send this many times a visitor's limit: a few people behind one router, not a script minting visitor ids. */
const ADDRESS_FACTOR = 5;
const TITLE_CHARS = 60;

/**
 * A visitor's message and the embed's answer, through the chat's own reply
 * pipeline (generated in the server, saved as it goes, followed over SSE), in
 * a chat owned by the embed's owner and marked with the embed and visitor.
 * Refused before anything is stored when the visitor or their address is
 * over the embed's rate, or the embed has spent its daily budget.
 */
export async function sendVisitorMessage(input: {
  visitor: EmbedVisitor;
  content: string;
  ip: string;
}): Promise<VisitorSendResult> {
  const { embed, visitorHash } = input.visitor;
  if (embed.dailyTokenBudget !== null && (await embedTokensToday(embed.id)) >= embed.dailyTokenBudget) {
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    throw new AppError(
      "rate_limited",
      "This chat is unavailable for the rest of the day. Please come back tomorrow.",
      {
        headers: { "retry-after": String(Math.ceil((midnight.getTime() - Date.now()) / 1000)) },
      },
    );
  }
  const points = embed.visitorRequestsPerMinute;
  const wait = Math.max(
    await takePoints(
      postgresLimiter("embed-visitor", { points, duration: 60 }),
      `${embed.id}:${visitorHash}`,
    ),
    await takePoints(
      postgresLimiter("embed-address", { points: points * ADDRESS_FACTOR, duration: 60 }),
      `${embed.id}:${input.ip}`,
    ),
  );
  if (wait > 0) {
    throw new AppError(
      "rate_limited",
      `You are sending messages quickly. Please wait ${wait} s and try again.`,
      {
        headers: { "retry-after": String(wait) },
      },
    );
  }
  const target = await resolveModel(embed.model);
  const existing = await findVisitorChat(input.visitor);

  const { chat, userMessage, assistantMessage } = await db().transaction(async (tx) => {
    const m = schema.message;
    let chat = existing;
    if (chat?.currentLeafId) {
      const [leaf] = await tx
        .select({ status: m.status })
        .from(m)
        .where(and(eq(m.id, chat.currentLeafId), eq(m.chatId, chat.id)));
      if (leaf?.status === "streaming") {
        throw new AppError(
          "conflict",
          "Wait for the answer to finish, or stop it, before sending another message.",
        );
      }
    }
    if (!chat) {
      const [created] = await tx
        .insert(schema.chat)
        .values({
          userId: embed.userId,
          embedId: embed.id,
          visitorHash,
          // Titled by the visitor's first words: no extra model call on the owner's budget.
          title: input.content.replace(/\s+/g, " ").slice(0, TITLE_CHARS),
          model: embed.model,
        })
        .returning();
      chat = created!;
    }
    const [userMessage] = await tx
      .insert(m)
      .values({
        chatId: chat!.id,
        userId: embed.userId,
        parentId: chat!.currentLeafId,
        role: "user",
        content: input.content,
      })
      .returning();
    const assistantMessage = await insertReply(tx, {
      chat: chat!,
      parentId: userMessage!.id,
      model: embed.model,
    });
    return { chat: chat!, userMessage: userMessage!, assistantMessage };
  });

  await beginGeneration({
    // The embed's settings now, not when the conversation began: the owner's edits reach every visitor.
    chat: { ...chat, systemPrompt: embed.systemPrompt, temperature: null },
    userId: embed.userId,
    userMessageId: userMessage.id,
    assistantMessageId: assistantMessage.id,
    model: embed.model,
    target,
    usage: { source: "embed", keyPrefix: embed.keyPrefix },
  });
  return { userMessage: embedMessageView(userMessage), assistantMessage: embedMessageView(assistantMessage) };
}
