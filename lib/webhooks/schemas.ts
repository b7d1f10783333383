import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@/lib/shared/webhook-events";

/**
 * The request and response bodies of /api/webhooks, for the handlers and the
 * API documentation alike.
 */

const webhookUrl = z
  .string()
  .trim()
  .min(1, "enter the URL to send events to")
  .max(2000, "at most 2,000 characters")
  .refine((v) => URL.canParse(v), "must be a full URL, such as https://example.com/hooks/hearth")
  .refine((v) => /^https?:$/.test(new URL(v).protocol), "must start with http:// or https://")
  .refine((v) => !new URL(v).username && !new URL(v).password, "must not contain a user name or password")
  .describe("Where events are POSTed. http or https; checked against the server's address rules.");

const eventList = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "choose at least one event")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)])
  .describe("The event types this endpoint receives.");

const description = z
  .string()
  .trim()
  .max(500, "at most 500 characters")
  .refine((v) => !/[\u0000]/.test(v), "must not contain NUL characters");

export const createWebhookInput = z
  .object({
    url: webhookUrl,
    events: eventList,
    description: description.default(""),
    includeContent: z
      .boolean()
      .default(false)
      .describe("Whether payloads may include message text (off: metadata only)."),
  })
  .strict();
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

export const updateWebhookInput = z
  .object({
    url: webhookUrl.optional(),
    events: eventList.optional(),
    description: description.optional(),
    includeContent: z.boolean().optional(),
    enabled: z
      .boolean()
      .optional()
      .describe("false pauses deliveries; true resumes them and clears a disable."),
  })
  .strict();
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  includeContent: z.boolean(),
  enabled: z.boolean(),
  /** Why Hearth disabled it (failing for days), or null. */
  disabledReason: z.string().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  failingSince: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointSchema>;

/** Creating an endpoint (or rotating its secret) answers the signing secret, this once. */
export const createdWebhookSchema = webhookEndpointSchema.extend({
  secret: z.string().startsWith("whsec_").describe("The signing secret. Shown only now."),
});
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookListSchema = z.object({ data: z.array(webhookEndpointSchema) });

export const webhookAttemptSchema = z.object({
  id: z.string().describe("The attempt's id (`queued:<delivery>` for a delivery not tried yet)."),
  deliveryId: z.string().describe("The webhook-id header: the same on every attempt."),
  eventType: z.string(),
  attempt: z.number().int(),
  manual: z.boolean(),
  statusCode: z.number().int().nullable(),
  ok: z.boolean(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** The delivery's state now: pending (a retry is scheduled), succeeded, failed or cancelled. */
  deliveryStatus: z.string(),
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type WebhookAttemptView = z.infer<typeof webhookAttemptSchema>;

export const webhookAttemptListSchema = z.object({ data: z.array(webhookAttemptSchema) });

export const deliveryAcceptedSchema = z.object({
  deliveryId: z.string(),
  status: z.literal("pending"),
});
