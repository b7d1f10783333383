import "server-only";
import { sql } from "drizzle-orm";
import type { ShownMessage } from "@/lib/client/api-types";
import { db } from "@/lib/db/client";

/** A message of the path as the server reads it: a shown message, dated, with its siblings. */
export interface PathMessage extends Omit<ShownMessage, "createdAt" | "siblings" | "files"> {
  createdAt: Date;
  /** This message and its siblings (same parent), oldest first: the branches at this point. */
  siblings: string[];
}

/**
 * The messages from the root of the tree down to `leafId`, in order: one
 * query. With `limit`, only the last `limit` of them (the first one returned
 * then has a parent when there are earlier ones).
 */
export async function getMessagePath(input: {
  chatId: string;
  leafId: string;
  limit?: number;
}): Promise<PathMessage[]> {
  const depthLimit = input.limit ? sql`WHERE p.depth + 1 < ${input.limit}` : sql``;
  const { rows } = await db().execute<{
    id: string;
    parent_id: string | null;
    role: PathMessage["role"];
    content: string;
    reasoning: string;
    status: PathMessage["status"];
    error: string | null;
    model: string | null;
    created_at: string | Date;
    depth: number;
    siblings: string[];
  }>(sql`
    WITH RECURSIVE path AS (
      SELECT m.*, 0 AS depth FROM message m WHERE m.id = ${input.leafId} AND m.chat_id = ${input.chatId}
      UNION ALL
      SELECT m.*, p.depth + 1 FROM message m JOIN path p ON m.id = p.parent_id ${depthLimit}
    )
    SELECT id, parent_id, role, content, reasoning, status, error, model, created_at, depth,
      -- Two plain equalities rather than IS NOT DISTINCT FROM, which no index serves: on a long
      -- branch that turned one lookup per message into a scan of the whole chat per message.
      CASE WHEN path.parent_id IS NULL
        THEN (SELECT array_agg(s.id ORDER BY s.created_at, s.id) FROM message s
          WHERE s.chat_id = path.chat_id AND s.parent_id IS NULL)
        ELSE (SELECT array_agg(s.id ORDER BY s.created_at, s.id) FROM message s
          WHERE s.parent_id = path.parent_id)
      END AS siblings
    FROM path ORDER BY depth DESC`);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    role: r.role,
    content: r.content,
    reasoning: r.reasoning,
    status: r.status,
    error: r.error,
    model: r.model,
    createdAt: new Date(r.created_at),
    siblings: r.siblings,
  }));
}
