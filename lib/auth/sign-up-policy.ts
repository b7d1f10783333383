import "server-only";
import { db, schema } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/settings";

export const SIGN_UP_CLOSED_MESSAGE =
  "Sign-up is closed on this server. Ask your administrator to create an account for you.";

export interface SignUpTerms {
  /** Whether a new account may be made by signing up at all. */
  open: boolean;
  /** Whether it waits for an administrator's approval. */
  pending: boolean;
  role: "ADMIN" | "USER";
}

/**
 * What a sign-up gets under the admin's policy (open, closed, approval) and
 * default role. Until the first account exists every policy lets it in: the
 * first account becomes the administrator (drizzle/0001), and a server whose
 * environment starts it closed would otherwise have nobody to open it.
 */
export async function signUpTerms(): Promise<SignUpTerms> {
  const settings = await getSettings();
  const [anyone] = await db().select({ id: schema.user.id }).from(schema.user).limit(1);
  if (!anyone) return { open: true, pending: false, role: "USER" };
  return {
    open: settings.signUpPolicy !== "closed",
    pending: settings.signUpPolicy === "approval",
    role: settings.defaultRole,
  };
}
