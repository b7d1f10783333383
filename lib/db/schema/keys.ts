import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";

/**
 * API keys for the /v1 gateway. The secret is shown once at creation; only
 * its SHA-256 and a short prefix (to recognise it in lists) are kept.
 */
export const apiKey = pgTable(
  "api_key",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull().unique(),
    /** Models this key may use; null means every model. */
    allowedModels: text("allowed_models").array(),
    /** Endpoints ("chat", "embeddings", "models") this key may call; null means all. */
    allowedEndpoints: text("allowed_endpoints").array(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("api_key_user_id_idx")
      .on(t.userId, t.createdAt.desc())
      .where(sql`${t.revokedAt} IS NULL`),
  ],
);
