import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";

/**
 * What the admin console manages: settings, runners, model settings, pull
 * jobs, password-reset links, the audit log and the event outbox.
 */

/**
 * Instance-wide settings an admin changes at /admin/system (sign-up policy,
 * defaults, rate limits...). One row per key, its value JSON validated by
 * lib/settings. A setting fixed by an environment variable is never read from here.
 */
export const appSetting = pgTable("app_setting", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
});

export const runnerKind = pgEnum("runner_kind", ["ollama", "openai"]);

/**
 * A model server Hearth sends requests to. The row with id "default" mirrors
 * OLLAMA_BASE_URL (written at boot) and cannot be deleted while that is set.
 */
export const runner = pgTable("runner", {
  id: text("id").primaryKey(),
  /** Shown beside its models, and the prefix of an OpenAI-compatible runner's model ids ("name/model"). */
  name: text("name").notNull().unique(),
  kind: runnerKind("kind").notNull(),
  baseUrl: text("base_url").notNull(),
  /** The API key, sealed with ENCRYPTION_KEY (lib/crypto/secret-box.ts); never sent to a browser. */
  apiKeySealed: text("api_key_sealed"),
  enabled: boolean("enabled").notNull().default(true),
  /** Order in lists; the default runner is 0. */
  position: integer("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The admin's choices about a model id (as clients see it): whether users
 * may use it and the name the pickers show. No row: enabled, its own name.
 */
export const modelSetting = pgTable("model_setting", {
  model: text("model").primaryKey(),
  enabled: boolean("enabled").notNull().default(true),
  displayName: text("display_name"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * running → completed | failed (Ollama's message kept) | cancelled (an admin
 * pressed Cancel) | interrupted (Hearth stopped mid-pull; Retry resumes).
 */
export const pullStatus = pgEnum("pull_status", [
  "running",
  "completed",
  "failed",
  "cancelled",
  "interrupted",
]);

/** A model download on an Ollama runner, run by the server and watched by any admin. */
export const pullJob = pgTable(
  "pull_job",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runnerId: text("runner_id")
      .notNull()
      .references(() => runner.id, { onDelete: "cascade" }),
    model: text("model").notNull(),
    status: pullStatus("status").notNull().default("running"),
    /** Ollama's current status line ("pulling 8eeb52dfb3bb", "verifying sha256 digest"...). */
    statusLine: text("status_line").notNull().default(""),
    completedBytes: bigint("completed_bytes", { mode: "number" }).notNull().default(0),
    totalBytes: bigint("total_bytes", { mode: "number" }).notNull().default(0),
    percent: real("percent").notNull().default(0),
    error: text("error"),
    /** The process running it (lib/chats/instance-id), so a restart can tell an orphan. */
    owner: text("owner"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    startedBy: text("started_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Every progress write touches it (at most once a second). */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // Two pulls of one model on one runner at once are one job.
    uniqueIndex("pull_job_running_uniq")
      .on(t.runnerId, t.model)
      .where(sql`${t.status} = 'running'`),
    index("pull_job_created_idx").on(t.createdAt.desc()),
  ],
);

/**
 * A one-time password-reset link an admin hands over: only the token's
 * SHA-256 is kept; used once, within 24 hours.
 */
export const passwordReset = pgTable(
  "password_reset",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_reset_user_idx").on(t.userId)],
);

/**
 * Who did what, to what, when, from where. Actor and target are copied as
 * text so that rows outlive deleted accounts. `details` holds before/after
 * values, never a secret.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    /** Dotted verb: "user.disable", "auth.sign_in.failure", "setting.update", "model.pull"... */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    /** Something a person recognises: an email, a model name, a key's prefix. */
    targetLabel: text("target_label"),
    ip: text("ip"),
    details: jsonb("details"),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt.desc()),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt.desc()),
    index("audit_log_action_idx").on(t.action, t.createdAt.desc()),
  ],
);

/**
 * Things that happened, for the webhooks of a later issue to deliver
 * ("model.pull.completed", ...). Written when they happen; lib/webhooks delivers them.
 */
export const appEvent = pgTable(
  "app_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    /** Whose event it is (their webhooks hear it); null: an instance event only admins' webhooks hear. */
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("app_event_created_idx").on(t.createdAt)],
);
