import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";

// "Last active" is for people reading the admin list: a minute's precision is plenty.
const RESOLUTION_MS = 60_000;

/**
 * Records that a user's session or key was just used, at most once a minute
 * (`lastActiveAt` is what the caller already read). Off the request's path: a
 * failed write is logged and costs nothing else.
 */
export function touchLastActive(userId: string, lastActiveAt: Date | null | undefined): void {
  const now = Date.now();
  if (lastActiveAt && now - lastActiveAt.getTime() < RESOLUTION_MS) return;
  const u = schema.user;
  const stale = new Date(now - RESOLUTION_MS);
  void Promise.resolve()
    .then(() =>
      db()
        .update(u)
        // updated_at stays: it tells when the account itself changed, not when it was used.
        .set({ lastActiveAt: new Date(now), updatedAt: sql`${u.updatedAt}` })
        // Several requests at once: only one write lands.
        .where(and(eq(u.id, userId), or(isNull(u.lastActiveAt), lt(u.lastActiveAt, stale)))),
    )
    .catch((err: unknown) => logger().debug({ err }, "could not record last activity"));
}
