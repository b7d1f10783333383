import "server-only";
import { eq } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { getOwnedWebhook } from "./get-owned-webhook";
import { forgetSubscribers } from "./queue-completion-events";

/** Deletes an endpoint with its delivery log; deliveries still queued find it gone and stop. */
export async function deleteWebhook(input: { userId: string; id: string }): Promise<{ url: string }> {
  const row = await getOwnedWebhook(input);
  await db().delete(schema.webhookEndpoint).where(eq(schema.webhookEndpoint.id, row.id));
  forgetSubscribers();
  return { url: row.url };
}
