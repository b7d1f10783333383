import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface ChatSummary {
  id: string;
  title: string;
  pinned: boolean;
  model: string | null;
  updatedAt: string;
}

const cursorSchema = z.object({ p: z.boolean(), t: z.iso.datetime(), i: z.uuid() });

/** The user's chats, pinned first, then most recent; keyset-paginated. */
export async function listChats(input: {
  userId: string;
  limit?: number;
  cursor?: string | null;
}): Promise<{ data: ChatSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(input.limit ?? 30, 1), 100);
  let after = sql``;
  if (input.cursor) {
    let c: z.infer<typeof cursorSchema>;
    try {
      c = cursorSchema.parse(JSON.parse(Buffer.from(input.cursor, "base64url").toString("utf8")));
    } catch {
      throw new AppError("bad_request", "cursor: not a cursor this API gave out", { param: "cursor" });
    }
    after = sql`AND (pinned::int, updated_at, id) < (${c.p ? 1 : 0}, ${c.t}::timestamptz, ${c.i}::uuid)`;
  }
  const { rows } = await db().execute<{
    id: string;
    title: string;
    pinned: boolean;
    model: string | null;
    updated_at: string | Date;
  }>(sql`
    SELECT id, title, pinned, model, updated_at FROM chat
    WHERE user_id = ${input.userId} AND embed_id IS NULL ${after}
    ORDER BY pinned DESC, updated_at DESC, id DESC
    LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit).map((r) => ({
    id: r.id,
    title: r.title,
    pinned: r.pinned,
    model: r.model,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify({ p: last.pinned, t: last.updatedAt, i: last.id })).toString("base64url")
      : null;
  return { data: page, nextCursor };
}
