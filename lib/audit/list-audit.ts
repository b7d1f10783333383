import "server-only";
import { and, asc, desc, eq, getTableColumns, gte, ilike, like, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { storableText } from "@/lib/validation/storable-text";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuditEntryView, AuditPage } from "@/lib/shared/admin-audit";

const a = schema.auditLog;

export const auditQuery = z.object({
  /** An actor's id, or part of their email (any case). */
  actor: storableText().trim().max(320).optional(),
  /** The start of an action name: "user." finds every user action, "setting.update" that one. */
  action: storableText().trim().max(100).optional(),
  /** From this moment (inclusive) until `to` (exclusive), ISO 8601. */
  from: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time" }).optional(),
  cursor: storableText().max(100).optional(),
  direction: z.enum(["older", "newer"]).default("older"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/**
 * One page of the audit log, newest first, filtered. Keyset pagination on
 * (created_at, id): a page is as fast deep in a large log as at its start,
 * and rows written meanwhile do not shift the pages.
 */
export async function listAudit(q: AuditQuery): Promise<AuditPage> {
  const filters = filtersOf(q);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const older = q.direction === "older";
  const page = cursor ? (older ? beforeKey(cursor) : afterKey(cursor)) : undefined;
  const rows = await db()
    .select({ ...getTableColumns(a), at: exactTime })
    .from(a)
    .where(and(...filters, page))
    .orderBy(...(older ? [desc(a.createdAt), desc(a.id)] : [asc(a.createdAt), asc(a.id)]))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const shown = rows.slice(0, q.limit);
  if (!older) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  // One side's "more" comes from the query itself; the other side has rows when we came from there.
  const hasNewer = older
    ? cursor !== null && first !== undefined && (await exists(filters, afterKey(keyOf(first))))
    : more;
  const hasOlder = older ? more : last !== undefined && (await exists(filters, beforeKey(keyOf(last))));
  return {
    entries: shown.map(view),
    older: hasOlder && last ? encodeCursor(keyOf(last)) : null,
    newer: hasNewer && first ? encodeCursor(keyOf(first)) : null,
  };
}

type Row = typeof a.$inferSelect & { at: string };
/** A row's place in the order: its time to the microsecond (as PostgreSQL keeps it) and its id. */
interface Key {
  at: string;
  id: number;
}

// A JavaScript Date would drop the microseconds, and two rows may share a millisecond.
const exactTime = sql<string>`to_char(${a.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function filtersOf(q: AuditQuery): SQL[] {
  const filters: SQL[] = [];
  if (q.actor) filters.push(or(eq(a.actorId, q.actor), ilike(a.actorEmail, `%${escapeLike(q.actor)}%`))!);
  if (q.action) filters.push(like(a.action, `${escapeLike(q.action)}%`));
  if (q.from) filters.push(gte(a.createdAt, new Date(q.from)));
  if (q.to) filters.push(lt(a.createdAt, new Date(q.to)));
  return filters;
}

const beforeKey = (k: Key) => sql`(${a.createdAt}, ${a.id}) < (${k.at}::timestamptz, ${k.id})`;
const afterKey = (k: Key) => sql`(${a.createdAt}, ${a.id}) > (${k.at}::timestamptz, ${k.id})`;
const keyOf = (row: Row): Key => ({ at: row.at, id: row.id });

async function exists(filters: SQL[], side: SQL): Promise<boolean> {
  const rows = await db()
    .select({ id: a.id })
    .from(a)
    .where(and(...filters, side))
    .limit(1);
  return rows.length > 0;
}

function encodeCursor(k: Key): string {
  return Buffer.from(`${k.at}|${k.id}`).toString("base64url");
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A cursor this function made; anything else is a 400, not a database error. */
function decodeCursor(raw: string): Key {
  const [at, id, ...rest] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const n = Number(id);
  if (
    rest.length ||
    !at ||
    !CURSOR_TIME.test(at) ||
    Number.isNaN(Date.parse(at)) ||
    !Number.isSafeInteger(n)
  ) {
    throw new AppError("bad_request", "cursor: not a page of this list; start again from the first page.", {
      param: "cursor",
    });
  }
  return { at, id: n };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function view(row: Row): AuditEntryView {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actor: row.actorId || row.actorEmail ? { id: row.actorId, email: row.actorEmail } : null,
    action: row.action,
    target:
      row.targetType || row.targetId || row.targetLabel
        ? { type: row.targetType, id: row.targetId, label: row.targetLabel }
        : null,
    ip: row.ip,
    details: (row.details as Record<string, unknown> | null) ?? null,
  };
}
