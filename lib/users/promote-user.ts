import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Makes the account with this email an administrator, approving it if it was
 * waiting: the operator's way in when nobody can sign in as an admin
 * (`hearth user:promote`). A disabled account stays disabled, and says so.
 */
export async function promoteUser(
  email: string,
): Promise<{ userId: string; disabled: boolean; wasAdmin: boolean }> {
  return db().transaction(async (tx) => {
    const u = schema.user;
    const [user] = await tx
      .select({ id: u.id, role: u.role, disabled: u.disabled })
      .from(u)
      .where(eq(sql`lower(${u.email})`, email.toLowerCase()))
      .for("update");
    if (!user) throw new AppError("not_found", `There is no account with the email ${email}.`);
    await tx.update(u).set({ role: "ADMIN", pending: false }).where(eq(u.id, user.id));
    return { userId: user.id, disabled: user.disabled, wasAdmin: user.role === "ADMIN" };
  });
}
