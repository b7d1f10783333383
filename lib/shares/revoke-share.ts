import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Revokes a share link: it stops working at once. Another user's id: 404. */
export async function revokeShare(input: { userId: string; shareId: string }): Promise<void> {
  const notFound = new AppError("not_found", "No such share link.");
  if (!z.uuid().safeParse(input.shareId).success) throw notFound;
  const s = schema.share;
  const done = await db()
    .update(s)
    .set({ revokedAt: new Date() })
    .where(and(eq(s.id, input.shareId), eq(s.userId, input.userId), isNull(s.revokedAt)))
    .returning({ id: s.id });
  if (done.length === 0) throw notFound;
}
