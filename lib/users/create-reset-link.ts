import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { config } from "@/lib/config";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertUserId } from "./user-id";
import type { ResetLink } from "@/lib/shared/admin-users";
import { hashResetToken, newResetToken, RESET_LINK_TTL_MS } from "./reset-token";

/**
 * A one-time password-reset link for an account, for an admin to hand over.
 * Only the token's SHA-256 is stored; a new link replaces any unused one, so
 * at most one works at a time. The token is in the answer, this once.
 */
export async function createResetLink(input: {
  userId: string;
  createdBy: string;
}): Promise<ResetLink & { email: string }> {
  assertUserId(input.userId);
  const token = newResetToken();
  const expiresAt = new Date(Date.now() + RESET_LINK_TTL_MS);
  const email = await db().transaction(async (tx) => {
    const [target] = await tx
      .select({ email: schema.user.email })
      .from(schema.user)
      .where(eq(schema.user.id, input.userId))
      .for("update");
    if (!target) throw new AppError("not_found", "No such user.");
    const r = schema.passwordReset;
    await tx.delete(r).where(and(eq(r.userId, input.userId), isNull(r.usedAt)));
    await tx.insert(r).values({
      userId: input.userId,
      tokenHash: hashResetToken(token),
      createdBy: input.createdBy,
      expiresAt,
    });
    return target.email;
  });
  const path = `/reset-password/${token}`;
  return { path, url: `${config().appUrl}${path}`, expiresAt: expiresAt.toISOString(), email };
}
