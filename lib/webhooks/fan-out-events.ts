import "server-only";
import { createHash } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { enqueueDeliveries } from "./enqueue-deliveries";

/** The same event for the same endpoint always gets the same id: a rerun of this job adds nothing. */
function deliveryId(eventId: number, endpointId: string): string {
  return `msg_${createHash("sha256").update(`${eventId}:${endpointId}`).digest("base64url").slice(0, 27)}`;
}

interface Match extends Record<string, unknown> {
  event_id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: string | Date;
  endpoint_id: string;
  include_content: boolean;
}

/**
 * Turns recorded events into one delivery per listening endpoint, and queues
 * them, in one transaction. A user's events go to their own endpoints;
 * instance events (no user) go to endpoints whose owner is an admin now.
 */
export async function fanOutEvents(eventIds: number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await db().transaction(async (tx) => {
    const { rows } = await tx.execute<Match>(sql`
      SELECT e.id AS event_id, e.type, e.payload, e.created_at, w.id AS endpoint_id, w.include_content
      FROM app_event e
      JOIN webhook_endpoint w ON w.disabled_at IS NULL AND e.type = ANY (w.events)
      JOIN "user" u ON u.id = w.user_id
      WHERE e.id IN (SELECT value::bigint FROM json_array_elements_text(${JSON.stringify(eventIds)}::json))
        AND CASE WHEN e.user_id IS NULL THEN u.role = 'ADMIN' ELSE w.user_id = e.user_id END`);
    if (rows.length === 0) return;
    const texts = await replyTexts(rows);
    const values = rows.map((r) => {
      const data = { ...r.payload };
      const messageId = typeof data.messageId === "string" ? data.messageId : undefined;
      if (r.include_content && r.type === "chat.message.completed" && messageId)
        data.content = texts.get(messageId) ?? "";
      // A /v1 reply's text is in the event only when one of the user's endpoints opted in.
      if (!r.include_content) delete data.content;
      return {
        id: deliveryId(Number(r.event_id), r.endpoint_id),
        endpointId: r.endpoint_id,
        eventId: Number(r.event_id),
        eventType: r.type,
        body: JSON.stringify({ type: r.type, timestamp: new Date(r.created_at).toISOString(), data }),
      };
    });
    const inserted = await tx
      .insert(schema.webhookDelivery)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: schema.webhookDelivery.id });
    await enqueueDeliveries(
      tx,
      inserted.map((d) => d.id),
    );
  });
}

/** The text of chat replies, for endpoints that opted into content. */
async function replyTexts(rows: Match[]): Promise<Map<string, string>> {
  const ids = rows
    .filter((r) => r.include_content && r.type === "chat.message.completed")
    .map((r) => r.payload.messageId)
    .filter((id): id is string => typeof id === "string");
  if (ids.length === 0) return new Map();
  const m = schema.message;
  const found = await db()
    .select({ id: m.id, content: m.content })
    .from(m)
    .where(inArray(m.id, [...new Set(ids)]));
  return new Map(found.map((r) => [r.id, r.content]));
}
