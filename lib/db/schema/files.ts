import { bigint, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { message } from "./chats";

export const fileKind = pgEnum("file_kind", ["image", "document"]);

/**
 * An uploaded file, stored under DATA_DIR/uploads by a generated name. Images
 * go to vision models as images; documents as their extracted text.
 */
export const file = pgTable(
  "file",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** Set when the file is sent with a message. */
    messageId: uuid("message_id").references(() => message.id, { onDelete: "cascade" }),
    /** The name it was uploaded with: shown, never used as a path. */
    name: text("name").notNull(),
    kind: fileKind("kind").notNull(),
    /** The type found in its content, not the one claimed. */
    mime: text("mime").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    storageName: text("storage_name").notNull().unique(),
    /** Documents: the text given to the model. */
    text: text("text"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("file_message_idx").on(t.messageId), index("file_user_idx").on(t.userId)],
);
