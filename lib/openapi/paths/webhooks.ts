/** Settings → Webhooks: endpoints Hearth POSTs signed events to, and their delivery log. */
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  createdWebhookSchema,
  createWebhookInput,
  deliveryAcceptedSchema,
  updateWebhookInput,
  webhookAttemptSchema,
  webhookEndpointSchema,
} from "@/lib/webhooks/schemas";
import { apiErrors, idParam, json, noContent, ok, session } from "../common";

const tags = ["Webhooks"];

const endpoint = webhookEndpointSchema.meta({ id: "WebhookEndpoint" });
const created = createdWebhookSchema.meta({
  id: "CreatedWebhookEndpoint",
  description: "An endpoint with its signing secret (`whsec_…`), shown this once.",
});
const attempt = webhookAttemptSchema.meta({ id: "WebhookAttempt" });
const accepted = deliveryAcceptedSchema.meta({ id: "WebhookDeliveryAccepted" });

const webhookParams = z.object({ id: idParam("The endpoint's id.") });
const deliveryParams = webhookParams.extend({
  deliveryId: idParam("The delivery's id (the `webhook-id` header it was sent with)."),
});

export const webhooksPaths: ZodOpenApiPathsObject = {
  "/api/webhooks": {
    get: {
      tags,
      operationId: "listWebhooks",
      summary: "List your webhook endpoints",
      description: "Never their secrets.",
      security: session,
      responses: {
        "200": ok("Your endpoints.", z.object({ data: z.array(endpoint) }), { data: [] }),
        ...apiErrors(),
      },
    },
    post: {
      tags,
      operationId: "createWebhook",
      summary: "Add a webhook endpoint",
      description:
        "Hearth POSTs the chosen events to `url`, signed with the endpoint's secret (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`). The answer holds the secret `whsec_…`; it is shown this once.",
      security: session,
      requestBody: { required: true, content: json(createWebhookInput) },
      responses: {
        "201": ok("The new endpoint, with its signing secret.", created),
        ...apiErrors(400, 403, 413),
      },
    },
  },
  "/api/webhooks/{id}": {
    get: {
      tags,
      operationId: "getWebhook",
      summary: "Get a webhook endpoint",
      security: session,
      requestParams: { path: webhookParams },
      responses: { "200": ok("The endpoint.", endpoint), ...apiErrors(404) },
    },
    patch: {
      tags,
      operationId: "updateWebhook",
      summary: "Change a webhook endpoint",
      description: "Only the fields sent change; `enabled: false` pauses deliveries, `true` resumes them.",
      security: session,
      requestParams: { path: webhookParams },
      requestBody: { required: true, content: json(updateWebhookInput) },
      responses: { "200": ok("The changed endpoint.", endpoint), ...apiErrors(400, 403, 404, 413) },
    },
    delete: {
      tags,
      operationId: "deleteWebhook",
      summary: "Delete a webhook endpoint",
      security: session,
      requestParams: { path: webhookParams },
      responses: { "204": noContent, ...apiErrors(403, 404) },
    },
  },
  "/api/webhooks/{id}/secret": {
    post: {
      tags,
      operationId: "rotateWebhookSecret",
      summary: "Rotate the signing secret",
      description: "A new secret, shown this once; the old one stops signing at once.",
      security: session,
      requestParams: { path: webhookParams },
      responses: { "200": ok("The endpoint with its new secret.", created), ...apiErrors(403, 404) },
    },
  },
  "/api/webhooks/{id}/test": {
    post: {
      tags,
      operationId: "testWebhook",
      summary: "Send a test event",
      description: "Queues a signed `webhook.test` event; the delivery log shows how it went.",
      security: session,
      requestParams: { path: webhookParams },
      responses: {
        "202": ok("Queued.", accepted),
        ...apiErrors(403, 404, 409),
      },
    },
  },
  "/api/webhooks/{id}/deliveries": {
    get: {
      tags,
      operationId: "listWebhookDeliveries",
      summary: "The delivery log",
      description: "The latest 100 attempts, newest first, with each delivery's state now.",
      security: session,
      requestParams: { path: webhookParams },
      responses: {
        "200": ok("The attempts.", z.object({ data: z.array(attempt) })),
        ...apiErrors(404),
      },
    },
  },
  "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
    post: {
      tags,
      operationId: "redeliverWebhook",
      summary: "Redeliver an event",
      description: "Sends one delivery again now, with the same `webhook-id` and body.",
      security: session,
      requestParams: { path: deliveryParams },
      responses: {
        "202": ok("Queued.", accepted),
        ...apiErrors(403, 404, 409),
      },
    },
  },
};
