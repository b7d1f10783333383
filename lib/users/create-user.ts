import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { auth } from "@/lib/auth/auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-rules";
import { recordEvent } from "@/lib/events/record-event";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { UserRole } from "@/lib/shared/admin-users";
import { storableText } from "@/lib/validation/storable-text";

export const createUserInput = z
  .object({
    email: z.email({ error: "must be an email address" }).max(254, "at most 254 characters"),
    name: storableText().trim().min(1, "give a name").max(100, "at most 100 characters"),
    role: z.enum(["USER", "ADMIN"], { error: "must be USER or ADMIN" }).default("USER"),
    password: storableText()
      .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
      .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`),
  })
  .strict();

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/**
 * An account an admin makes, whatever the sign-up policy: active at once, with
 * a temporary password hashed by Better Auth's own hasher, so the person signs
 * in with it on the ordinary sign-in page. A taken email is a 409.
 */
export async function createUser(input: z.infer<typeof createUserInput>): Promise<CreatedUser> {
  const email = input.email.toLowerCase();
  const hash = await (await auth().$context).password.hash(input.password);
  const id = randomUUID();
  try {
    await db().transaction(async (tx) => {
      await tx
        .insert(schema.user)
        .values({ id, email, name: input.name, role: input.role, emailVerified: false, pending: false });
      // Better Auth's credential account: the password lives here, keyed by the user's id.
      await tx
        .insert(schema.account)
        .values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash });
      // Admins' webhooks hear of it, committed with the account.
      await recordEvent(
        "user.created",
        { userId: id, email, name: input.name, role: input.role, pending: false },
        tx,
      );
    });
  } catch (err) {
    if (
      (err as { cause?: { code?: string } }).cause?.code === "23505" ||
      (err as { code?: string }).code === "23505"
    ) {
      throw new AppError("conflict", "An account with this email already exists.", { param: "email" });
    }
    throw err;
  }
  return { id, email, name: input.name, role: input.role };
}
