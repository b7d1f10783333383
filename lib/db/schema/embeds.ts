import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";

export const embedTheme = pgEnum("embed_theme", ["light", "dark", "auto"]);

/**
 * A chat a user puts on their own site (Settings → Embeds): an iframe at
 * /embed/chat, opened by /widget.js. Its publishable key (`pk_...`) is public
 * by design but only ever chats through these settings; it is looked up by its
 * SHA-256 and kept sealed with ENCRYPTION_KEY so the owner can copy it again,
 * while a leaked database alone gives nobody a working key.
 */
export const embed = pgTable(
  "embed",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Exact origins (`https://site.example`) that may frame the chat and call its API. */
    allowedOrigins: text("allowed_origins").array().notNull(),
    model: text("model").notNull(),
    systemPrompt: text("system_prompt"),
    greeting: text("greeting"),
    theme: embedTheme("theme").notNull().default("auto"),
    /** `#rrggbb`. */
    accentColor: text("accent_color").notNull().default("#e8590c"),
    /** Messages one visitor may send per minute. */
    visitorRequestsPerMinute: integer("visitor_requests_per_minute").notNull().default(10),
    /** Tokens the whole embed may spend per UTC day; null: no budget of its own. */
    dailyTokenBudget: integer("daily_token_budget"),
    keyHash: text("key_hash").notNull().unique(),
    keySealed: text("key_sealed").notNull(),
    keyPrefix: text("key_prefix").notNull(),
    /** Revoked: the chat shows "unavailable" until the owner issues a new key. */
    keyRevokedAt: timestamp("key_revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("embed_user_idx").on(t.userId, t.createdAt.desc())],
);
