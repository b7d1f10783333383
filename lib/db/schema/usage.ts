import { bigserial, boolean, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";

export const usageSource = pgEnum("usage_source", ["api", "chat"]);

/**
 * One row per /v1 request (and, later, per chat reply): who, which model, how
 * many tokens, how fast. Never any prompt or answer text.
 */
export const usageEvent = pgTable(
  "usage_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Deleting an account deletes its usage too (admin console: "nothing of theirs is kept").
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    keyPrefix: text("key_prefix"),
    source: usageSource("source").notNull(),
    endpoint: text("endpoint").notNull(),
    model: text("model"),
    stream: boolean("stream").notNull().default(false),
    status: integer("status").notNull(),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    completionTokens: integer("completion_tokens").notNull().default(0),
    ttftMs: integer("ttft_ms"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [
    index("usage_event_created_at_idx").on(t.createdAt),
    index("usage_event_user_idx").on(t.userId, t.createdAt),
  ],
);
