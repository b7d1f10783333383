import "server-only";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EmbedRow } from "./embed-view";
import {
  VISITOR_CONVERSATION_MS,
  type EmbedMessage,
  type EmbedPublicConfig,
  type VisitorConversation,
} from "./schemas";
import type { EmbedVisitor } from "./with-embed-visitor";

type ChatRow = typeof schema.chat.$inferSelect;
type MessageRow = typeof schema.message.$inferSelect;

export function embedPublicConfig(embed: EmbedRow): EmbedPublicConfig {
  return { name: embed.name, greeting: embed.greeting, theme: embed.theme, accentColor: embed.accentColor };
}

export function embedMessageView(row: MessageRow): EmbedMessage {
  return {
    id: row.id,
    role: row.role === "user" ? "user" : "assistant",
    content: row.content,
    status: row.status,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The visitor's conversation of the last 24 hours with this embed, if there is one. */
export async function findVisitorChat(visitor: EmbedVisitor): Promise<ChatRow | null> {
  const c = schema.chat;
  const [row] = await db()
    .select()
    .from(c)
    .where(
      and(
        eq(c.embedId, visitor.embed.id),
        eq(c.visitorHash, visitor.visitorHash),
        gt(c.createdAt, new Date(Date.now() - VISITOR_CONVERSATION_MS)),
      ),
    )
    .orderBy(desc(c.createdAt))
    .limit(1);
  return row ?? null;
}

/** A visitor's chat is one line of messages (no edits or branches): all of them, oldest first. */
export async function readEmbedMessages(chatId: string): Promise<MessageRow[]> {
  const m = schema.message;
  return db().select().from(m).where(eq(m.chatId, chatId)).orderBy(asc(m.createdAt), asc(m.role));
}

/** What the visitor's page shows on load: the embed's look and their conversation so far. */
export async function getVisitorConversation(visitor: EmbedVisitor): Promise<VisitorConversation> {
  const chat = await findVisitorChat(visitor);
  const messages = chat ? await readEmbedMessages(chat.id) : [];
  return { embed: embedPublicConfig(visitor.embed), messages: messages.map(embedMessageView) };
}

/** A message of this visitor's own conversation with this embed; 404 otherwise. */
export async function getVisitorMessage(visitor: EmbedVisitor, messageId: string): Promise<MessageRow> {
  const notFound = new AppError("not_found", "No such message.");
  if (!z.uuid().safeParse(messageId).success) throw notFound;
  const m = schema.message;
  const c = schema.chat;
  const [row] = await db()
    .select({ message: m })
    .from(m)
    .innerJoin(c, eq(c.id, m.chatId))
    .where(and(eq(m.id, messageId), eq(c.embedId, visitor.embed.id), eq(c.visitorHash, visitor.visitorHash)));
  if (!row) throw notFound;
  return row.message;
}
