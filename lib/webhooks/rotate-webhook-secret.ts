import "server-only";
import { eq, sql } from "drizzle-orm";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { newWebhookSecret } from "./create-webhook";
import { getOwnedWebhook } from "./get-owned-webhook";
import type { CreatedWebhook } from "./schemas";
import { webhookView } from "./webhook-view";

/** A new signing secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(input: { userId: string; id: string }): Promise<CreatedWebhook> {
  const current = await getOwnedWebhook(input);
  const secret = newWebhookSecret();
  const [row] = await db()
    .update(schema.webhookEndpoint)
    .set({ secretSealed: encryptSecret(secret), updatedAt: sql`now()` })
    .where(eq(schema.webhookEndpoint.id, current.id))
    .returning();
  return { ...webhookView(row!), secret };
}
