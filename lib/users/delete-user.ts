import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { generations } from "@/lib/chats/generation/live-generations";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetVerifiedKeys } from "@/lib/keys/verified-key-cache";
import { assertUserId } from "./user-id";
import { uploadsDir } from "@/lib/files/save-upload";
import { logger } from "@/lib/log/logger";
import { keepAnotherAdmin, lockAdmins } from "./admin-lock";

/**
 * Deletes an account and everything of theirs in one transaction: chats and
 * their messages, files, shares, prompts, API keys, usage, sessions and reset
 * links (all by the user's row, most through ON DELETE CASCADE). Their files
 * leave the disk only once that has committed, so a failed delete loses
 * nothing. Not yourself, and never the last active admin.
 */
export async function deleteUser(input: { actorId: string; userId: string }): Promise<{ email: string }> {
  assertUserId(input.userId);
  if (input.actorId === input.userId) {
    throw new AppError("conflict", "You cannot delete your own account here.");
  }
  const { email, storageNames, streaming } = await db().transaction(async (tx) => {
    await lockAdmins(tx, input.actorId);
    const [target] = await tx
      .select({ email: schema.user.email })
      .from(schema.user)
      .where(eq(schema.user.id, input.userId))
      .for("update");
    if (!target) throw new AppError("not_found", "No such user.");
    await keepAnotherAdmin(tx, input.userId, "deleted");

    const streaming = await tx
      .select({ id: schema.message.id })
      .from(schema.message)
      .innerJoin(schema.chat, eq(schema.chat.id, schema.message.chatId))
      .where(and(eq(schema.chat.userId, input.userId), eq(schema.message.status, "streaming")));
    const files = await tx
      .delete(schema.file)
      .where(eq(schema.file.userId, input.userId))
      .returning({ storageName: schema.file.storageName });
    // Everything else of theirs hangs off the user row (ON DELETE CASCADE), in this same transaction.
    await tx.delete(schema.user).where(eq(schema.user.id, input.userId));
    return { email: target.email, storageNames: files.map((f) => f.storageName), streaming };
  });

  forgetVerifiedKeys({ userId: input.userId });
  for (const { id } of streaming) generations.get(id)?.controller.abort("stopped");
  for (const name of storageNames) {
    // A file left behind is an orphan that sweepUploads removes within a day; the account is gone either way.
    await fs.rm(path.join(uploadsDir(), name), { force: true }).catch((err: unknown) => {
      logger().warn({ err, userId: input.userId }, "could not remove a deleted user's upload");
    });
  }
  return { email };
}
