import "server-only";
import { z } from "zod";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { getChat } from "./get-chat";
import { getOwnedMessage } from "./get-owned-chat";

/** The body of POST /api/chats/{chatId}/branch. */
export const switchBranchInput = z.object({ messageId: z.uuid({ error: "must be a message id" }) });

/**
 * Shows the branch through `messageId` (a sibling picked with the < 2/3 >
 * arrows): its newest continuation down to a leaf becomes the chat's
 * current branch, remembered for the next visit.
 */
export async function switchBranch(input: { userId: string; chatId: string; messageId: string }) {
  await getOwnedMessage(input);
  const { rows } = await db().execute<{ id: string }>(sql`
    WITH RECURSIVE down AS (
      SELECT id, 0 AS depth FROM message WHERE id = ${input.messageId}
      UNION ALL
      SELECT (SELECT c.id FROM message c WHERE c.parent_id = down.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1), depth + 1
      FROM down WHERE down.id IS NOT NULL
    )
    SELECT id FROM down WHERE id IS NOT NULL ORDER BY depth DESC LIMIT 1`);
  const leaf = rows[0]?.id ?? input.messageId;
  await db().update(schema.chat).set({ currentLeafId: leaf }).where(eq(schema.chat.id, input.chatId));
  return getChat(input);
}
