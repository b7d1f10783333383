import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { InputItem } from "./request";
import {
  responseObject,
  type OutputItem,
  type ResponseSettings,
  type ResponseStatus,
  type ResponseUsage,
} from "./response-builder";

/**
 * Stored responses, always read through their owner: another user's id,
 * an unknown one and a deleted one are the same 404.
 */
export interface StoredResponse {
  id: string;
  userId: string;
  previousResponseId: string | null;
  model: string;
  status: ResponseStatus;
  input: InputItem[];
  output: OutputItem[];
  usage: ResponseUsage | null;
  error: { code: string; message: string } | null;
  settings: ResponseSettings;
  createdAt: number;
}

/** How many earlier responses a conversation may reach back through. */
const MAX_CHAIN = 1000;

export function responseNotFound(id: string): AppError {
  return new AppError("not_found", `No response with id '${id}' was found.`, { param: "response_id" });
}

export async function saveResponse(r: StoredResponse): Promise<void> {
  await db()
    .insert(schema.response)
    .values({
      id: r.id,
      userId: r.userId,
      previousResponseId: r.previousResponseId,
      model: r.model,
      status: r.status,
      input: withoutNul(r.input),
      output: withoutNul(r.output),
      usage: r.usage,
      error: withoutNul(r.error),
      settings: withoutNul(r.settings),
      createdAt: new Date(r.createdAt * 1000),
    });
}

/**
 * PostgreSQL's jsonb refuses U+0000 anywhere in it. A NUL the client sent (or
 * the model wrote) is dropped from what is kept rather than failing the
 * whole answer; bounded-depth values, so the recursion is shallow.
 */
function withoutNul<T>(value: T): T {
  const clean = (v: unknown): unknown => {
    if (typeof v === "string") return v.includes("\u0000") ? v.replaceAll("\u0000", "") : v;
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [clean(k), clean(x)]));
    return v;
  };
  return clean(value) as T;
}

/**
 * The items of the conversation `id` ends, oldest first: each stored
 * response's input, then its output. One query walks the chain; a link
 * deleted along the way ends it there.
 */
export async function conversationBefore(id: string, userId: string): Promise<InputItem[]> {
  const rows = await db().execute<{ input: InputItem[]; output: InputItem[] }>(sql`
    WITH RECURSIVE chain AS (
      SELECT id, previous_response_id, input, output, 0 AS depth
        FROM response WHERE id = ${id} AND user_id = ${userId}
      UNION ALL
      SELECT r.id, r.previous_response_id, r.input, r.output, c.depth + 1
        FROM response r JOIN chain c ON r.id = c.previous_response_id
       WHERE r.user_id = ${userId} AND c.depth < ${MAX_CHAIN}
    )
    SELECT input, output FROM chain ORDER BY depth DESC`);
  if (rows.rows.length === 0) throw responseNotFound(id);
  return rows.rows.flatMap((r) => [...r.input, ...r.output]);
}

/** The response object as POST returned it. */
export async function findResponse(id: string, userId: string) {
  const [row] = await db()
    .select()
    .from(schema.response)
    .where(and(eq(schema.response.id, id), eq(schema.response.userId, userId)));
  if (!row) throw responseNotFound(id);
  return responseObject({
    id: row.id,
    createdAt: Math.floor(row.createdAt.getTime() / 1000),
    model: row.model,
    previousResponseId: row.previousResponseId,
    settings: row.settings as ResponseSettings,
    status: row.status as ResponseStatus,
    output: row.output as OutputItem[],
    usage: row.usage as ResponseUsage | null,
    error: row.error as StoredResponse["error"],
  });
}

export async function deleteResponse(id: string, userId: string): Promise<void> {
  const deleted = await db()
    .delete(schema.response)
    .where(and(eq(schema.response.id, id), eq(schema.response.userId, userId)))
    .returning({ id: schema.response.id });
  if (deleted.length === 0) throw responseNotFound(id);
}
