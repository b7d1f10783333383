import "server-only";
import { desc, inArray } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";

export interface UsageNames {
  user: (userId: string | null) => { name: string; email: string } | undefined;
  /** The owner's newest key with this prefix (prefixes are short, so not unique alone). */
  key: (userId: string | null, prefix: string | null) => string | null;
}

/**
 * Names and emails of the users, and names of their keys, looked up after
 * the sums: a hundred rows by primary key instead of a join on every
 * rollup row.
 */
export async function usageNames(userIds: (string | null)[], withKeys: boolean): Promise<UsageNames> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const u = schema.user;
  const k = schema.apiKey;
  const [users, keys] = ids.length
    ? await Promise.all([
        db().select({ id: u.id, name: u.name, email: u.email }).from(u).where(inArray(u.id, ids)),
        withKeys
          ? db()
              .select({ userId: k.userId, prefix: k.prefix, name: k.name })
              .from(k)
              .where(inArray(k.userId, ids))
              .orderBy(desc(k.createdAt))
          : [],
      ])
    : [[], []];
  const byUser = new Map(users.map((row) => [row.id, row]));
  const byKey = new Map<string, string>();
  // Newest first: the first name seen for a prefix wins.
  for (const key of keys)
    if (!byKey.has(`${key.userId} ${key.prefix}`)) byKey.set(`${key.userId} ${key.prefix}`, key.name);
  return {
    user: (userId) => (userId === null ? undefined : byUser.get(userId)),
    key: (userId, prefix) => byKey.get(`${userId} ${prefix}`) ?? null,
  };
}
