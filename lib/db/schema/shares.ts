import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { chat, message } from "./chats";

/**
 * A read-only public snapshot of one branch of a chat, at /share/{token}.
 * The token is looked up by its SHA-256 and kept encrypted so the owner can
 * copy the link again; revoking stops it at once.
 */
export const share = pgTable(
  "share",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chat.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** The last message shown when shared: the snapshot is the path down to it. */
    leafId: uuid("leaf_id")
      .notNull()
      .references(() => message.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    tokenSealed: text("token_sealed").notNull(),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("share_chat_idx").on(t.chatId)],
);
