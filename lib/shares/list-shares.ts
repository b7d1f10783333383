import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getOwnedChat } from "@/lib/chats/get-owned-chat";
import type { ShareLink } from "@/lib/client/api-types";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { shareUrl } from "./create-share";

/** The chat's live share links, newest first, so the owner can copy one again. */
export async function listShares(input: { userId: string; chatId: string }): Promise<ShareLink[]> {
  await getOwnedChat(input);
  const s = schema.share;
  const rows = await db()
    .select()
    .from(s)
    .where(and(eq(s.chatId, input.chatId), eq(s.userId, input.userId), isNull(s.revokedAt)))
    .orderBy(desc(s.createdAt));
  return rows.map((r) => ({
    id: r.id,
    chatId: r.chatId,
    url: shareUrl(decryptSecret(r.tokenSealed)),
    title: r.title,
    createdAt: r.createdAt.toISOString(),
  }));
}
