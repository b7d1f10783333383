import type {
  CreatedWebhook,
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookAttemptView,
  WebhookEndpointView,
} from "@/lib/webhooks/schemas";
import { api } from "./api";

/** Settings → Webhooks: the page's calls to /api/webhooks. */

const FIELD_LABELS = { url: "URL", events: "Events", description: "Description" };

export const createWebhook = (body: CreateWebhookInput) =>
  api<CreatedWebhook>("/api/webhooks", { method: "POST", body, labels: FIELD_LABELS });

export const updateWebhook = (id: string, body: UpdateWebhookInput) =>
  api<WebhookEndpointView>(`/api/webhooks/${id}`, { method: "PATCH", body, labels: FIELD_LABELS });

export const deleteWebhook = (id: string) => api<void>(`/api/webhooks/${id}`, { method: "DELETE" });

export const rotateWebhookSecret = (id: string) =>
  api<CreatedWebhook>(`/api/webhooks/${id}/secret`, { method: "POST" });

export const sendTestEvent = (id: string) =>
  api<{ deliveryId: string }>(`/api/webhooks/${id}/test`, { method: "POST" });

export const fetchDeliveryLog = (id: string, signal?: AbortSignal) =>
  api<{ data: WebhookAttemptView[] }>(`/api/webhooks/${id}/deliveries`, { signal }).then((r) => r.data);

export const redeliver = (id: string, deliveryId: string) =>
  api<{ deliveryId: string }>(`/api/webhooks/${id}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {
    method: "POST",
  });
