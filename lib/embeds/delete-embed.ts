import "server-only";
import { and, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { getOwnedEmbed } from "./get-owned-embed";

/** Deletes the embed and its visitors' conversations (they cascade). */
export async function deleteEmbed(input: { userId: string; embedId: string }): Promise<void> {
  const embed = await getOwnedEmbed(input);
  const e = schema.embed;
  await db()
    .delete(e)
    .where(and(eq(e.id, embed.id), eq(e.userId, input.userId)));
}
