import "server-only";
import { eq } from "drizzle-orm";
import { db, schema, type Transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetVerifiedKeys } from "@/lib/keys/verified-key-cache";

/**
 * Disables (or re-enables) an account. Disabling also ends every session of
 * the user in the same transaction, so they are signed out at once; their API
 * keys stop working on the next request, as every process's key cache is told
 * (drizzle/0014). Pass `tx` to make it part of a larger change (the admin
 * console's, under its admin lock; the caller then forgets the keys here).
 */
export async function setUserDisabled(
  input: { userId: string; disabled: boolean },
  tx?: Transaction,
): Promise<void> {
  if (!tx) {
    await db().transaction((t) => setUserDisabled(input, t));
    // Committed: this process's key checks see it now, the others when notified.
    return forgetVerifiedKeys({ userId: input.userId });
  }
  const updated = await tx
    .update(schema.user)
    .set({ disabled: input.disabled })
    .where(eq(schema.user.id, input.userId))
    .returning({ id: schema.user.id });
  if (updated.length === 0) throw new AppError("not_found", "No such user.");
  if (input.disabled) await tx.delete(schema.session).where(eq(schema.session.userId, input.userId));
}
