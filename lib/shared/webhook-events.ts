/**
 * The events a webhook can subscribe to. Shared by the server and the
 * settings page; admin-only events are about the whole instance.
 */
export const WEBHOOK_EVENT_TYPES = [
  "chat.completion.completed",
  "chat.message.completed",
  "model.pull.completed",
  "model.pull.failed",
  "user.created",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send test event"; never subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";

export const WEBHOOK_EVENTS: Record<
  WebhookEventType,
  { label: string; description: string; adminOnly: boolean }
> = {
  "chat.completion.completed": {
    label: "API request finished",
    description: "A /v1 request with one of your API keys finished: model, tokens, duration, key prefix.",
    adminOnly: false,
  },
  "chat.message.completed": {
    label: "Chat reply finished",
    description: "A reply in one of your chats finished: chat, message, model, tokens.",
    adminOnly: false,
  },
  "model.pull.completed": {
    label: "Model downloaded",
    description: "A model pull on a runner finished.",
    adminOnly: true,
  },
  "model.pull.failed": {
    label: "Model download failed",
    description: "A model pull on a runner failed.",
    adminOnly: true,
  },
  "user.created": {
    label: "User created",
    description: "Someone signed up or an admin added an account.",
    adminOnly: true,
  },
};

export const isAdminOnlyEvent = (type: string): boolean =>
  (WEBHOOK_EVENTS as Record<string, { adminOnly: boolean } | undefined>)[type]?.adminOnly === true;
