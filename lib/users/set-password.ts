import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { auth } from "@/lib/auth/auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-rules";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Gives the account with this email a new password (hashed by Better Auth's
 * own hasher) and ends every session it has, in one transaction: what an
 * operator does for someone locked out (`hearth user:reset-password`).
 */
export async function setPassword(input: { email: string; password: string }): Promise<{ userId: string }> {
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX)
    throw new AppError(
      "bad_request",
      `The password must be between ${PASSWORD_MIN} and ${PASSWORD_MAX} characters.`,
      { param: "password" },
    );
  const hash = await (await auth().$context).password.hash(input.password);
  return db().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: schema.user.id })
      .from(schema.user)
      .where(eq(sql`lower(${schema.user.email})`, input.email.toLowerCase()));
    if (!user) throw new AppError("not_found", `There is no account with the email ${input.email}.`);
    const a = schema.account;
    const updated = await tx
      .update(a)
      .set({ password: hash })
      .where(and(eq(a.userId, user.id), eq(a.providerId, "credential")))
      .returning({ id: a.id });
    // An account made through GitHub or Google gets a password of its own.
    if (updated.length === 0)
      await tx.insert(a).values({
        id: randomUUID(),
        accountId: user.id,
        providerId: "credential",
        userId: user.id,
        password: hash,
      });
    await tx.delete(schema.session).where(eq(schema.session.userId, user.id));
    return { userId: user.id };
  });
}
