import "server-only";
import { AppError } from "@/lib/errors";
import { touchLastActive } from "@/lib/users/touch-last-active";
import { auth } from "./auth";

export type Role = "ADMIN" | "USER";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  image: string | null;
  createdAt: Date;
  /** Signed up under the approval policy and not approved yet: sees the waiting page, nothing else. */
  pending: boolean;
}

export const PENDING_MESSAGE =
  "Your account is waiting for an administrator's approval. You can use Hearth once it is approved.";

/**
 * The signed-in user behind these request headers, or null. A disabled
 * user's session counts as no session, from the moment the flag is set.
 */
export async function currentUser(headers: Headers): Promise<CurrentUser | null> {
  const result = await auth().api.getSession({ headers });
  if (!result) return null;
  const u = result.user as typeof result.user & {
    role?: string;
    disabled?: boolean;
    pending?: boolean;
    lastActiveAt?: Date | string | null;
  };
  if (u.disabled) return null;
  touchLastActive(u.id, u.lastActiveAt ? new Date(u.lastActiveAt) : null);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role === "ADMIN" ? "ADMIN" : "USER",
    image: u.image ?? null,
    createdAt: u.createdAt,
    pending: u.pending === true,
  };
}

/** The session guard for UI APIs: the user, or a 401 (signed out) or 403 (waiting for approval). */
export async function requireUser(req: Request): Promise<CurrentUser> {
  const user = await currentUser(req.headers);
  if (!user) throw new AppError("unauthorized", "You are not signed in.");
  if (user.pending) throw new AppError("forbidden", PENDING_MESSAGE);
  return user;
}

/** The admin guard: a signed-in ADMIN, else 401 or 403. */
export async function requireAdmin(req: Request): Promise<CurrentUser> {
  const user = await requireUser(req);
  if (user.role !== "ADMIN") throw new AppError("forbidden", "Only administrators can do this.");
  return user;
}
