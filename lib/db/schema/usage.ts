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

export const usageSource = pgEnum("usage_source", ["api", "chat", "embed"]);

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
 * What a usage_daily row sums over, besides its UTC day and source: nothing
 * more ("day"), its model, its user, its user's API key, or all of model,
 * user and key ("all", for the CSV export).
 */
export const usageGrain = pgEnum("usage_grain", ["day", "model", "user", "key", "all"]);

/**
 * usage_event summed per UTC day at each grain, kept by statement triggers on
 * usage_event (insert adds, delete subtracts: drizzle/0011), so that
 * /admin/usage reads hundreds or thousands of rows instead of a million, and
 * each of its groupings reads only the rows of its own grain. Time to first
 * token cannot be summed, so each row keeps a histogram of it (counts per
 * bucket of TTFT_BUCKET_EDGES_MS in lib/usage/ttft-histogram.ts) from which
 * medians over any set of rows are read.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    grain: usageGrain("grain").notNull(),
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
  (t) => [
    unique("usage_daily_uniq")
      .on(t.grain, t.day, t.source, t.model, t.userId, t.keyPrefix)
      .nullsNotDistinct(),
  ],
);

/**
 * usage_daily's model, user and key grains summed per UTC calendar month
 * (`month` is its first day), kept by the same triggers (drizzle/0012). A
 * long range reads its whole months here and only its partial first and last
 * months from usage_daily: a year of 200 users is 2,400 rows, not 73,000.
 */
export const usageMonthly = pgTable(
  "usage_monthly",
  {
    grain: usageGrain("grain").notNull(),
    month: date("month", { mode: "string" }).notNull(),
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
  (t) => [
    unique("usage_monthly_uniq")
      .on(t.grain, t.month, t.source, t.model, t.userId, t.keyPrefix)
      .nullsNotDistinct(),
  ],
);
