import { sql } from "drizzle-orm";
import {
  customType,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { embed } from "./embeds";

/** PostgreSQL full-text search vector. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const messageRole = pgEnum("message_role", ["system", "user", "assistant"]);
/**
 * streaming → complete | stopped (the user pressed Stop) | error (the runner
 * failed; partial text kept) | interrupted (the process died or shut down
 * mid-answer; partial text kept). Nothing stays streaming once no process is
 * generating it.
 */
export const messageStatus = pgEnum("message_status", [
  "streaming",
  "complete",
  "stopped",
  "error",
  "interrupted",
]);

export const chat = pgTable(
  "chat",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull().default("New chat"),
    model: text("model"),
    systemPrompt: text("system_prompt"),
    temperature: real("temperature"),
    pinned: boolean("pinned").notNull().default(false),
    /** The last message of the branch last shown. */
    currentLeafId: uuid("current_leaf_id"),
    /**
     * A visitor's conversation with one of the owner's embeds: read-only for the
     * owner (Settings → Embeds), never in their sidebar, search or export.
     */
    embedId: uuid("embed_id").references(() => embed.id, { onDelete: "cascade" }),
    /** SHA-256 of the visitor id kept in the embed iframe's storage. */
    visitorHash: text("visitor_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chat_user_recent_idx").on(t.userId, t.pinned.desc(), t.updatedAt.desc()),
    // Search walks a user's chats newest first, pinned or not, and stops at the page's last hit.
    index("chat_user_updated_idx").on(t.userId, t.updatedAt.desc()),
    index("chat_title_search_idx").using("gin", sql`to_tsvector('simple', ${t.title})`),
    index("chat_embed_visitor_idx")
      .on(t.embedId, t.visitorHash, t.createdAt.desc())
      .where(sql`${t.embedId} IS NOT NULL`),
  ],
);

export const message = pgTable(
  "message",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chat.id, { onDelete: "cascade" }),
    /**
     * The chat's owner, copied so that search filters by user inside the GIN
     * index. A trigger (migration 0009) sets it from the chat on every insert.
     */
    userId: text("user_id").notNull(),
    /** Messages form a tree: edits and regenerations are siblings. */
    parentId: uuid("parent_id").references((): AnyPgColumn => message.id, { onDelete: "cascade" }),
    role: messageRole("role").notNull(),
    content: text("content").notNull().default(""),
    reasoning: text("reasoning").notNull().default(""),
    status: messageStatus("status").notNull().default("complete"),
    error: text("error"),
    model: text("model"),
    /** The process generating it (while streaming). */
    owner: text("owner"),
    stopRequested: boolean("stop_requested").notNull().default(false),
    /** How often a reply cut by a restart or crash was taken up again (a bound against loops). */
    resumeCount: integer("resume_count").notNull().default(0),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** While streaming, a heartbeat: every flush touches it. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Words of the content, for search ('simple': no stemming, any language). */
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', content)`),
  },
  (t) => [
    index("message_chat_idx").on(t.chatId, t.createdAt),
    index("message_parent_idx").on(t.parentId),
    index("message_streaming_idx")
      .on(t.updatedAt)
      .where(sql`${t.status} = 'streaming'`),
    // One user's matches straight from the index (btree_gin), not every user's then filtered.
    index("message_user_search_idx").using("gin", t.userId, t.search),
  ],
);
