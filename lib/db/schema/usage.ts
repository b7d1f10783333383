import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
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

/**
 * usage_event summed per UTC day, source, model, user and key, kept by a
 * statement trigger on usage_event (drizzle/0011), so that /admin/usage reads
 * thousands of rows instead of a million. Time to first token cannot be
 * summed, so each row keeps a histogram of it (counts per bucket of
 * TTFT_BUCKET_EDGES_MS in lib/usage/ttft-histogram.ts) from which medians
 * over any grouping are read.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    source: usageSource("source").notNull(),
    model: text("model"),
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    keyPrefix: text("key_prefix"),
    requests: integer("requests").notNull(),
    errors: integer("errors").notNull(),
    promptTokens: bigint("prompt_tokens", { mode: "number" }).notNull(),
    completionTokens: bigint("completion_tokens", { mode: "number" }).notNull(),
    ttftHist: integer("ttft_hist").array().notNull(),
  },
  (t) => [unique("usage_daily_uniq").on(t.day, t.source, t.model, t.userId, t.keyPrefix).nullsNotDistinct()],
);
