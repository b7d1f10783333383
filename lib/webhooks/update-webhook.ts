import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, schema } from "@/lib/db/client";
import { checkEventsAllowed } from "./check-events-allowed";
import { checkWebhookUrl } from "./check-webhook-url";
import { getOwnedWebhook } from "./get-owned-webhook";
import { forgetSubscribers } from "./queue-completion-events";
import type { updateWebhookInput, WebhookEndpointView } from "./schemas";
import { webhookView } from "./webhook-view";

/**
 * Changes an endpoint its owner has. Enabling one clears why it was disabled
 * and its run of failures, so it gets a fresh three days.
 */
export async function updateWebhook(input: {
  user: { id: string; role: string };
  id: string;
  values: z.output<typeof updateWebhookInput>;
}): Promise<WebhookEndpointView> {
  const current = await getOwnedWebhook({ userId: input.user.id, id: input.id });
  const { url, events, description, includeContent, enabled } = input.values;
  if (events) checkEventsAllowed(input.user, events);
  if (url !== undefined && url !== current.url) await checkWebhookUrl(url);
  const w = schema.webhookEndpoint;
  const [row] = await db()
    .update(w)
    .set({
      ...(url !== undefined && { url }),
      ...(events && { events }),
      ...(description !== undefined && { description }),
      ...(includeContent !== undefined && { includeContent }),
      ...(enabled === true && { disabledAt: null, disabledReason: null, failingSince: null }),
      ...(enabled === false &&
        current.disabledAt === null && { disabledAt: sql`now()`, disabledReason: "Paused by you." }),
      updatedAt: sql`now()`,
    })
    .where(eq(w.id, current.id))
    .returning();
  forgetSubscribers();
  return webhookView(row!);
}
