import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getMessagePath, type PathMessage } from "@/lib/chats/get-message-path";
import { db, schema } from "@/lib/db/client";
import { hashShareToken, looksLikeShareToken } from "./share-token";

/** The public snapshot behind a share token, or null (unknown or revoked: the same answer). */
export async function getSharedChat(
  token: string,
): Promise<{ title: string; createdAt: Date; messages: PathMessage[] } | null> {
  if (!looksLikeShareToken(token)) return null;
  const s = schema.share;
  const [row] = await db()
    .select()
    .from(s)
    .where(and(eq(s.tokenHash, hashShareToken(token)), isNull(s.revokedAt)));
  if (!row) return null;
  const path = await getMessagePath({ chatId: row.chatId, leafId: row.leafId });
  // System prompts and unfinished attempts stay private.
  const messages = path.filter(
    (m) => m.role !== "system" && !(m.role === "assistant" && m.status === "streaming"),
  );
  return { title: row.title, createdAt: row.createdAt, messages };
}
