import "server-only";
import { desc, eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import type { WebhookEndpointView } from "./schemas";
import { webhookView } from "./webhook-view";

/** A user's endpoints, newest first. */
export async function listWebhooks(input: { userId: string }): Promise<WebhookEndpointView[]> {
  const w = schema.webhookEndpoint;
  const rows = await db().select().from(w).where(eq(w.userId, input.userId)).orderBy(desc(w.createdAt));
  return rows.map(webhookView);
}
