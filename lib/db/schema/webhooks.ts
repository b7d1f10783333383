import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appEvent } from "./admin";
import { user } from "./auth";

/**
 * A URL a user asked Hearth to POST events to. The signing secret must be
 * used again for every delivery, so it is kept encrypted (lib/crypto/secret-box),
 * not hashed; it is shown to its owner once, when created.
 */
export const webhookEndpoint = pgTable(
  "webhook_endpoint",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Event types it receives ("chat.message.completed", ...). */
    events: text("events").array().notNull(),
    /** Whether payloads may carry message text (off: metadata only). */
    includeContent: boolean("include_content").notNull().default(false),
    secretSealed: text("secret_sealed").notNull(),
    /** Set by its owner (pause) or by Hearth after failing too long; null: delivering. */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    /** When the current run of failed attempts began; null after any success. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoint_user_idx").on(t.userId, t.createdAt.desc())],
);

/**
 * One event for one endpoint. Its id is the `webhook-id` header: the same on
 * every attempt and every redelivery, so receivers can drop duplicates.
 */
export const webhookDelivery = pgTable(
  "webhook_delivery",
  {
    id: text("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: "cascade" }),
    /** Null for test events, which no app event caused. */
    eventId: bigint("event_id", { mode: "number" }).references(() => appEvent.id, { onDelete: "set null" }),
    eventType: text("event_type").notNull(),
    /** The exact body sent on every attempt. */
    body: text("body").notNull(),
    /** pending | succeeded | failed (retries used up) | cancelled (endpoint disabled). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_delivery_endpoint_idx").on(t.endpointId, t.createdAt.desc())],
);

/** One HTTP attempt of a delivery, for the delivery log. */
export const webhookAttempt = pgTable(
  "webhook_attempt",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDelivery.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    /** Whether a person asked for it (Redeliver) rather than the retry schedule. */
    manual: boolean("manual").notNull().default(false),
    /** The HTTP status, or null when no response came (timeout, refused address...). */
    statusCode: integer("status_code"),
    ok: boolean("ok").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    /** The first kilobyte of the response body, or why there was none. */
    responseExcerpt: text("response_excerpt").notNull().default(""),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_attempt_endpoint_idx").on(t.endpointId, t.createdAt.desc()),
    index("webhook_attempt_delivery_idx").on(t.deliveryId),
  ],
);
