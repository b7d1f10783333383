import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getOwnedEmbed } from "./get-owned-embed";
import type { EmbedConversationSummary } from "./schemas";
import { embedMessageView, readEmbedMessages } from "./visitor-conversation";

const c = schema.chat;

/** "Visitor 3f9a2c": enough to tell visitors apart, nothing that identifies them. */
function visitorLabel(hash: string | null): string {
  return `Visitor ${(hash ?? "").slice(0, 6)}`;
}

function summary(row: typeof c.$inferSelect, messages: number): EmbedConversationSummary {
  return {
    id: row.id,
    title: row.title,
    visitor: visitorLabel(row.visitorHash),
    messages,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The visitors' conversations with one of the user's embeds, latest first (at most `limit`). */
export async function listEmbedConversations(input: {
  userId: string;
  embedId: string;
  limit?: number;
}): Promise<EmbedConversationSummary[]> {
  const embed = await getOwnedEmbed(input);
  const rows = await db()
    .select({
      chat: c,
      messages: sql<number>`(SELECT count(*)::int FROM message m WHERE m.chat_id = "chat"."id")`,
    })
    .from(c)
    .where(and(eq(c.embedId, embed.id), eq(c.userId, input.userId)))
    .orderBy(desc(c.updatedAt))
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 500));
  return rows.map((r) => summary(r.chat, r.messages));
}

/** One visitor conversation, read-only, for the embed's owner; 404 for anyone else's. */
export async function getEmbedConversation(input: { userId: string; embedId: string; chatId: string }) {
  const embed = await getOwnedEmbed(input);
  const notFound = new AppError("not_found", "No such conversation.");
  if (!z.uuid().safeParse(input.chatId).success) throw notFound;
  const [row] = await db()
    .select()
    .from(c)
    .where(and(eq(c.id, input.chatId), eq(c.embedId, embed.id), eq(c.userId, input.userId)));
  if (!row) throw notFound;
  const messages = await readEmbedMessages(row.id);
  return {
    ...summary(row, messages.length),
    embedName: embed.name,
    messages: messages.map(embedMessageView),
  };
}
