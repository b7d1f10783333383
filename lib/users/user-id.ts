import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Refuses, as "no such user", an id no account can have (ids are UUIDs or
 * Better Auth's alphanumerics): nothing odd from a URL reaches a query.
 */
export function assertUserId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new AppError("not_found", "No such user.");
}
