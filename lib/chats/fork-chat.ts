import "server-only";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { getMessagePath } from "./get-message-path";
import { getOwnedChat, getOwnedMessage } from "./get-owned-chat";

/** The body of POST /api/chats/{chatId}/fork. */
export const forkChatInput = z.object({ messageId: z.uuid({ error: "must be a message id" }) });

/** "Branch off from here": a new chat holding a copy of the path up to `messageId`. */
export async function forkChat(input: { userId: string; chatId: string; messageId: string }) {
  const source = await getOwnedChat(input);
  await getOwnedMessage(input);
  const path = await getMessagePath({ chatId: source.id, leafId: input.messageId });
  return db().transaction(async (tx) => {
    const [chat] = await tx
      .insert(schema.chat)
      .values({
        userId: input.userId,
        title: `${source.title} (branch)`.slice(0, 200),
        model: source.model,
        systemPrompt: source.systemPrompt,
        temperature: source.temperature,
      })
      .returning();
    let parentId: string | null = null;
    for (const p of path) {
      const copies: { id: string }[] = await tx
        .insert(schema.message)
        .values({
          chatId: chat!.id,
          userId: input.userId,
          parentId,
          role: p.role,
          content: p.content,
          reasoning: p.reasoning,
          // A copy is a snapshot: nothing in it is still being written.
          status: p.status === "streaming" ? "interrupted" : p.status,
          error: p.error,
          model: p.model,
          createdAt: p.createdAt,
        })
        .returning({ id: schema.message.id });
      parentId = copies[0]!.id;
    }
    const [updated] = await tx
      .update(schema.chat)
      .set({ currentLeafId: parentId })
      .where(eq(schema.chat.id, chat!.id))
      .returning();
    return updated!;
  });
}
