import "server-only";
import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import type { MessageFile } from "@/lib/client/api-types";
import { db, schema } from "@/lib/db/client";
import { getMessagePath } from "./get-message-path";
import { getOwnedChat } from "./get-owned-chat";

/** `?messages=N`: only the last N messages of the branch shown (0: the chat's settings alone). */
export const getChatQuery = z.object({ messages: z.coerce.number().int().min(0).max(100_000).optional() });

/**
 * A chat with the messages of the branch last shown, root first, each with its
 * attached files. With `limit`, only the last messages of the branch, and
 * `earlier` says whether there are more before them.
 */
export async function getChat(input: { userId: string; chatId: string; limit?: number }) {
  const chat = await getOwnedChat(input);
  // A limit of 0 asks for the chat alone (its settings, say), without reading its messages.
  const path =
    chat.currentLeafId && input.limit !== 0
      ? await getMessagePath({ chatId: chat.id, leafId: chat.currentLeafId, limit: input.limit })
      : [];
  const files = new Map<string, MessageFile[]>();
  if (path.length) {
    const f = schema.file;
    const rows = await db()
      .select({ id: f.id, messageId: f.messageId, name: f.name, kind: f.kind, mime: f.mime, size: f.size })
      .from(f)
      .where(
        inArray(
          f.messageId,
          path.map((m) => m.id),
        ),
      )
      .orderBy(asc(f.createdAt));
    for (const { messageId, ...file } of rows)
      files.set(messageId!, [...(files.get(messageId!) ?? []), file]);
  }
  return {
    chat,
    messages: path.map((m) => ({ ...m, files: files.get(m.id) ?? [] })),
    earlier: input.limit === 0 ? chat.currentLeafId !== null : (path[0]?.parentId ?? null) !== null,
  };
}
