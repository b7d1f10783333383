import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { schema, type Transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Serialises every change that could leave Hearth without an active admin
 * (demote, disable, delete), for the rest of the transaction: two admins
 * demoting each other at the same moment take turns, and the second sees the
 * first's change. Then checks the actor is still an active admin.
 */
export async function lockAdmins(tx: Transaction, actorId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('hearth:active-admins'))`);
  const [actor] = await tx
    .select({ role: schema.user.role, disabled: schema.user.disabled, pending: schema.user.pending })
    .from(schema.user)
    .where(eq(schema.user.id, actorId));
  if (!actor || actor.role !== "ADMIN" || actor.disabled || actor.pending) {
    throw new AppError("forbidden", "Only administrators can do this.");
  }
}

/**
 * Refuses (409) a change that would take away the last active admin: call
 * under lockAdmins, when `userId` is about to stop being one.
 */
export async function keepAnotherAdmin(tx: Transaction, userId: string, what: string): Promise<void> {
  const u = schema.user;
  const [target] = await tx
    .select({ role: u.role, disabled: u.disabled, pending: u.pending })
    .from(u)
    .where(eq(u.id, userId));
  if (!target || target.role !== "ADMIN" || target.disabled || target.pending) return;
  const [others] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(u)
    .where(and(eq(u.role, "ADMIN"), eq(u.disabled, false), eq(u.pending, false), ne(u.id, userId)));
  if ((others?.n ?? 0) === 0) {
    throw new AppError(
      "conflict",
      `This is the last active administrator, so it cannot be ${what}. Make another user an administrator first.`,
    );
  }
}
