import "server-only";
import type { schema } from "@/lib/db/client";
import type { WebhookEndpointView } from "./schemas";

type EndpointRow = typeof schema.webhookEndpoint.$inferSelect;

/** An endpoint as its owner sees it: never its secret. */
export function webhookView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    includeContent: row.includeContent,
    enabled: row.disabledAt === null,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
