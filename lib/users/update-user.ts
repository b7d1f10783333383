import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetVerifiedKeys } from "@/lib/keys/verified-key-cache";
import { assertUserId } from "./user-id";
import { USER_LIMITS, type UserRole } from "@/lib/shared/admin-users";
import { keepAnotherAdmin, lockAdmins } from "./admin-lock";
import { setUserDisabled } from "./set-user-disabled";

const limit = (name: keyof typeof USER_LIMITS) => {
  const { min, max } = USER_LIMITS[name];
  return z
    .number({ error: "must be a whole number, or null for the default" })
    .int("must be a whole number")
    .min(min, `at least ${min.toLocaleString("en-US")}`)
    .max(max, `at most ${max.toLocaleString("en-US")}`)
    .nullable()
    .optional();
};

export const updateUserInput = z
  .object({
    role: z.enum(["USER", "ADMIN"], { error: "must be USER or ADMIN" }).optional(),
    disabled: z.boolean({ error: "must be true or false" }).optional(),
    /** Approving a pending account; an account is never made pending again. */
    pending: z.literal(false, { error: "can only be false (approve the account)" }).optional(),
    requestsPerMinute: limit("requestsPerMinute"),
    tokensPerDay: limit("tokensPerDay"),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "say what to change" });
export type UpdateUserInput = z.infer<typeof updateUserInput>;

interface UserState {
  email: string;
  role: UserRole;
  disabled: boolean;
  pending: boolean;
  requestsPerMinute: number | null;
  tokensPerDay: number | null;
}

export interface UserChange {
  email: string;
  before: UserState;
  after: UserState;
}

/**
 * An admin's change to an account, in one transaction under the admin lock:
 * role, disabled (sessions end with it), approval, per-user limits. The last
 * active admin is never demoted or disabled, and nobody disables themselves.
 */
export async function updateUser(input: {
  actorId: string;
  userId: string;
  patch: UpdateUserInput;
}): Promise<UserChange> {
  assertUserId(input.userId);
  const { patch } = input;
  const change = await db().transaction(async (tx) => {
    await lockAdmins(tx, input.actorId);
    const u = schema.user;
    const [before] = await tx
      .select({
        email: u.email,
        role: u.role,
        disabled: u.disabled,
        pending: u.pending,
        requestsPerMinute: u.requestsPerMinute,
        tokensPerDay: u.tokensPerDay,
      })
      .from(u)
      .where(eq(u.id, input.userId))
      .for("update");
    if (!before) throw new AppError("not_found", "No such user.");

    if (patch.disabled === true && input.userId === input.actorId) {
      throw new AppError("conflict", "You cannot disable your own account.", { param: "disabled" });
    }
    if (patch.role === "USER" && before.role === "ADMIN") await keepAnotherAdmin(tx, input.userId, "demoted");
    if (patch.disabled === true && !before.disabled) await keepAnotherAdmin(tx, input.userId, "disabled");

    const set: Partial<typeof u.$inferInsert> = {};
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.pending !== undefined) set.pending = patch.pending;
    if (patch.requestsPerMinute !== undefined) set.requestsPerMinute = patch.requestsPerMinute;
    if (patch.tokensPerDay !== undefined) set.tokensPerDay = patch.tokensPerDay;
    if (Object.keys(set).length > 0) await tx.update(u).set(set).where(eq(u.id, input.userId));
    if (patch.disabled !== undefined && patch.disabled !== before.disabled) {
      await setUserDisabled({ userId: input.userId, disabled: patch.disabled }, tx);
    }
    const after: UserState = {
      ...before,
      ...(set as Partial<UserState>),
      disabled: patch.disabled ?? before.disabled,
    };
    return { email: before.email, before, after };
  });
  // Committed: this process's key checks see it now, the others when notified.
  forgetVerifiedKeys({ userId: input.userId });
  return change;
}
