import "server-only";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";

export type Role = "ADMIN" | "USER";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  image: string | null;
  createdAt: Date;
}

/**
 * The signed-in user behind these request headers, or null. A disabled
 * user's session counts as no session, from the moment the flag is set.
 */
export async function currentUser(headers: Headers): Promise<CurrentUser | null> {
  const result = await auth().api.getSession({ headers });
  if (!result) return null;
  const u = result.user as typeof result.user & { role?: string; disabled?: boolean };
  if (u.disabled) return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role === "ADMIN" ? "ADMIN" : "USER",
    image: u.image ?? null,
    createdAt: u.createdAt,
  };
}

/** The session guard for UI APIs: the user, or a 401. */
export async function requireUser(req: Request): Promise<CurrentUser> {
  const user = await currentUser(req.headers);
  if (!user) throw new AppError("unauthorized", "You are not signed in.");
  return user;
}

/** The admin guard: a signed-in ADMIN, else 401 or 403. */
export async function requireAdmin(req: Request): Promise<CurrentUser> {
  const user = await requireUser(req);
  if (user.role !== "ADMIN") throw new AppError("forbidden", "Only administrators can do this.");
  return user;
}
