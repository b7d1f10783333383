import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth";

/**
 * Responses kept for `previous_response_id` and GET /v1/responses/{id}
 * (`store`, true by default, as with OpenAI). Owned by the key's user and
 * deleted with them. The input is what the request sent; the output, what
 * the model answered; `settings` the rest of the response object as it was
 * returned (instructions, tools, sampling, metadata).
 */
export const response = pgTable(
  "response",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** Not a foreign key: deleting one response leaves the later ones readable. */
    previousResponseId: text("previous_response_id"),
    model: text("model").notNull(),
    status: text("status").notNull(),
    input: jsonb("input").notNull(),
    output: jsonb("output").notNull(),
    usage: jsonb("usage"),
    error: jsonb("error"),
    settings: jsonb("settings").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("response_user_id_created_at_idx").on(t.userId, t.createdAt.desc())],
);
