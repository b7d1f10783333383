import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";
import { db } from "@/lib/db/client";
import {
  MAX_USER_PAGE_SIZE,
  USER_FILTERS,
  USER_SORTS,
  type AdminUserPage,
  type AdminUserRow,
  type UserFilter,
  type UserSort,
} from "@/lib/shared/admin-users";

export const listUsersQuery = z.object({
  q: storableText().trim().max(200, "at most 200 characters").optional(),
  sort: z.enum(USER_SORTS, { error: `must be one of ${USER_SORTS.join(", ")}` }).default("created"),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
  filter: z.enum(USER_FILTERS, { error: `must be one of ${USER_FILTERS.join(", ")}` }).default("all"),
  page: z.coerce.number({ error: "must be a number" }).int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number({ error: "must be a number" }).int().min(1).max(MAX_USER_PAGE_SIZE).default(25),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

const ORDER: Record<UserSort, SQL> = {
  name: sql`lower(u.name)`,
  email: sql`u.email`,
  role: sql`u.role`,
  created: sql`u.created_at`,
  lastActive: sql`u.last_active_at`,
};

const FILTER: Record<UserFilter, SQL> = {
  all: sql`true`,
  active: sql`NOT u.disabled AND NOT u.pending`,
  pending: sql`u.pending AND NOT u.disabled`,
  disabled: sql`u.disabled`,
  admins: sql`u.role = 'ADMIN'`,
};

/** `%`, `_` and `\` in what the admin typed match themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Row extends Record<string, unknown> {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "USER";
  disabled: boolean;
  pending: boolean;
  created_at: Date | string;
  last_active_at: Date | string | null;
  requests_per_minute: number | null;
  tokens_per_day: number | null;
  total: string | number;
  chats: string | number;
  tokens: string | number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * One page of accounts for /admin/users, searched (name or email), filtered
 * and sorted in PostgreSQL. The page is cut first and only its rows get their
 * chat count and this month's tokens (two indexed lookups each), so the cost
 * grows with the page, not with the number of accounts.
 */
export async function listUsers(input: ListUsersQuery): Promise<AdminUserPage> {
  const search = input.q ? likePattern(input.q) : null;
  const where = sql`${FILTER[input.filter]} ${
    search ? sql`AND (u.name ILIKE ${search} OR u.email ILIKE ${search})` : sql``
  }`;
  const direction = input.dir === "asc" ? sql`ASC` : sql`DESC`;
  // Never-active accounts go last whichever way; the id keeps equal keys in a stable order across pages.
  const order = sql`${ORDER[input.sort]} ${direction} NULLS LAST, u.id`;
  const offset = (input.page - 1) * input.pageSize;

  const result = await db().execute<Row>(sql`
    WITH page AS (
      SELECT u.id, u.name, u.email, u.role, u.disabled, u.pending, u.created_at, u.last_active_at,
             u.requests_per_minute, u.tokens_per_day, count(*) OVER () AS total
        FROM "user" u
       WHERE ${where}
       ORDER BY ${order}
       LIMIT ${input.pageSize} OFFSET ${offset}
    )
    SELECT u.*,
           (SELECT count(*) FROM chat c WHERE c.user_id = u.id) AS chats,
           (SELECT coalesce(sum(e.prompt_tokens + e.completion_tokens), 0)
              FROM usage_event e
             WHERE e.user_id = u.id AND e.created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
           ) AS tokens
      FROM page u
     ORDER BY ${order}`);
  const [pending] = (
    await db().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM "user" WHERE pending AND NOT disabled`,
    )
  ).rows;

  const users: AdminUserRow[] = result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.disabled ? "disabled" : r.pending ? "pending" : "active",
    createdAt: iso(r.created_at),
    lastActiveAt: r.last_active_at ? iso(r.last_active_at) : null,
    chats: Number(r.chats),
    tokensThisMonth: Number(r.tokens),
    requestsPerMinute: r.requests_per_minute,
    tokensPerDay: r.tokens_per_day,
  }));
  let total = Number(result.rows[0]?.total ?? 0);
  // A page past the end has no rows to carry the count: count on its own.
  if (users.length === 0 && offset > 0) {
    const [row] = (
      await db().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM "user" u WHERE ${where}`)
    ).rows;
    total = row?.n ?? 0;
  }
  return { users, total, page: input.page, pageSize: input.pageSize, pendingCount: pending?.n ?? 0 };
}
