import "server-only";
import { config } from "@/lib/config";
import { getOwnedChat } from "@/lib/chats/get-owned-chat";
import type { ShareLink } from "@/lib/client/api-types";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashShareToken, newShareToken } from "./share-token";

export function shareUrl(token: string): string {
  return `${config().appUrl}/share/${token}`;
}

/** Shares the branch shown now: later messages will not be part of it. */
export async function createShare(input: { userId: string; chatId: string }): Promise<ShareLink> {
  const chat = await getOwnedChat(input);
  if (!chat.currentLeafId) throw new AppError("bad_request", "There is nothing to share in this chat yet.");
  const token = newShareToken();
  const [row] = await db()
    .insert(schema.share)
    .values({
      chatId: chat.id,
      userId: input.userId,
      leafId: chat.currentLeafId,
      tokenHash: hashShareToken(token),
      tokenSealed: encryptSecret(token),
      title: chat.title,
    })
    .returning();
  return {
    id: row!.id,
    chatId: chat.id,
    url: shareUrl(token),
    title: row!.title,
    createdAt: row!.createdAt.toISOString(),
  };
}
