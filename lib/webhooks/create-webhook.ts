import "server-only";
import { randomBytes } from "node:crypto";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import { checkWebhookUrl } from "./check-webhook-url";
import { checkEventsAllowed } from "./check-events-allowed";
import { forgetSubscribers } from "./queue-completion-events";
import type { CreatedWebhook, createWebhookInput } from "./schemas";
import { webhookView } from "./webhook-view";
import type { z } from "zod";

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Registers an endpoint for `user`; the answer carries its signing secret, shown this once. */
export async function createWebhook(input: {
  user: { id: string; role: string };
  values: z.output<typeof createWebhookInput>;
}): Promise<CreatedWebhook> {
  checkEventsAllowed(input.user, input.values.events);
  await checkWebhookUrl(input.values.url);
  const secret = newWebhookSecret();
  const [row] = await db()
    .insert(schema.webhookEndpoint)
    .values({
      userId: input.user.id,
      url: input.values.url,
      description: input.values.description,
      events: input.values.events,
      includeContent: input.values.includeContent,
      secretSealed: encryptSecret(secret),
    })
    .returning();
  forgetSubscribers();
  return { ...webhookView(row!), secret };
}
