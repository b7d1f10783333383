import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-rules";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ResetLinkState } from "@/lib/shared/admin-users";
import { storableText } from "@/lib/validation/storable-text";
import { hashResetToken, looksLikeResetToken } from "./reset-token";

export const resetPasswordInput = z
  .object({
    token: z.string().max(200),
    password: storableText()
      .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
      .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`),
  })
  .strict();

const REFUSALS: Record<
  Exclude<ResetLinkState, "valid">,
  [kind: "not_found" | "conflict", message: string]
> = {
  invalid: [
    "not_found",
    "This password-reset link is not valid. Check that you copied all of it, or ask your administrator for a new one.",
  ],
  used: ["conflict", "This password-reset link has already been used. Ask your administrator for a new one."],
  expired: ["conflict", "This password-reset link has expired. Ask your administrator for a new one."],
};

function refusal(state: Exclude<ResetLinkState, "valid">): AppError {
  const [kind, message] = REFUSALS[state];
  return new AppError(kind, message);
}

/** Whether a link can still be used, for the page to show its form or say why not. */
export async function checkResetLink(token: string): Promise<ResetLinkState> {
  if (!looksLikeResetToken(token)) return "invalid";
  const r = schema.passwordReset;
  const [row] = await db()
    .select({ usedAt: r.usedAt, expiresAt: r.expiresAt })
    .from(r)
    .where(eq(r.tokenHash, hashResetToken(token)));
  return stateOf(row);
}

function stateOf(row: { usedAt: Date | null; expiresAt: Date } | undefined): ResetLinkState {
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}

/**
 * Sets a new password with a reset link, once: in one transaction the link is
 * marked used (its row locked, so two submissions cannot both pass), the
 * password replaced, and every session of the account ended.
 */
export async function resetPassword(input: z.infer<typeof resetPasswordInput>): Promise<{
  userId: string;
  email: string;
}> {
  // Checked before hashing, so a made-up token costs no scrypt; checked again under the row lock.
  const first = await checkResetLink(input.token);
  if (first !== "valid") throw refusal(first);
  const hash = await (await auth().$context).password.hash(input.password);
  return db().transaction(async (tx) => {
    const r = schema.passwordReset;
    const [link] = await tx
      .select({ id: r.id, userId: r.userId, usedAt: r.usedAt, expiresAt: r.expiresAt })
      .from(r)
      .where(eq(r.tokenHash, hashResetToken(input.token)))
      .for("update");
    const state = stateOf(link);
    if (state !== "valid") throw refusal(state);
    const userId = link!.userId;
    await tx.update(r).set({ usedAt: new Date() }).where(eq(r.id, link!.id));

    const a = schema.account;
    const updated = await tx
      .update(a)
      .set({ password: hash })
      .where(and(eq(a.userId, userId), eq(a.providerId, "credential")))
      .returning({ id: a.id });
    // An account made through GitHub or Google gets a password of its own.
    if (updated.length === 0) {
      await tx
        .insert(a)
        .values({ id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hash });
    }
    await tx.delete(schema.session).where(eq(schema.session.userId, userId));
    const [owner] = await tx
      .select({ email: schema.user.email })
      .from(schema.user)
      .where(eq(schema.user.id, userId));
    return { userId, email: owner?.email ?? "" };
  });
}
