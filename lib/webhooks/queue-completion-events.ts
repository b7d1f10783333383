import "server-only";
import { pool } from "@/lib/db/client";
import { FAN_OUT_TASK } from "@/lib/events/record-event";
import { logger } from "@/lib/log/logger";

/**
 * `chat.completion.completed` for /v1 requests, from the usage rows the
 * gateway writes in batches (lib/usage/record-usage.ts), after they are
 * committed. Only users with an endpoint listening cost anything: the rest
 * are filtered out in memory, against a list read at most every few seconds.
 */

const EVENT = "chat.completion.completed";
const SUBSCRIBERS_TTL_MS = 5_000;

interface CompletionRow {
  userId?: string | null;
  source: string;
  keyPrefix?: string | null;
  endpoint: string;
  model?: string | null;
  stream?: boolean | null;
  status?: number | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  ttftMs?: number | null;
  durationMs?: number | null;
  createdAt?: Date | null;
  /** The reply's text, kept only for users with an endpoint that opted into content. */
  content?: string;
}

/** Users with a listening endpoint, and whether one of theirs opted into content. */
type Subscribers = Map<string, boolean>;

const holder = globalThis as unknown as {
  __hearthCompletionSubscribers?: { at: number; users: Promise<Subscribers>; known?: Subscribers };
};

/** Forgets who listens (an endpoint was added, changed or removed in this process). */
export function forgetSubscribers(): void {
  holder.__hearthCompletionSubscribers = undefined;
  // Read again now, so the user's next request already sees the change.
  void subscribers().catch(() => {});
}

function subscribers(): Promise<Subscribers> {
  const hit = holder.__hearthCompletionSubscribers;
  if (hit && Date.now() - hit.at < SUBSCRIBERS_TTL_MS) return hit.users;
  const entry: NonNullable<typeof holder.__hearthCompletionSubscribers> = {
    at: Date.now(),
    known: hit?.known,
    users: pool()
      .query<{ user_id: string; content: boolean }>({
        name: "hearth-completion-subscribers",
        text: `SELECT user_id, bool_or(include_content) AS content FROM webhook_endpoint
               WHERE disabled_at IS NULL AND $1 = ANY (events) GROUP BY user_id`,
        values: [EVENT],
      })
      .then((r) => new Map(r.rows.map((row) => [row.user_id, row.content]))),
  };
  entry.users.then(
    (users) => (entry.known = users),
    () => {
      if (holder.__hearthCompletionSubscribers === entry) holder.__hearthCompletionSubscribers = undefined;
    },
  );
  holder.__hearthCompletionSubscribers = entry;
  return entry.users;
}

/**
 * Whether a /v1 request of this user should keep its reply's text for a webhook that opted into
 * content. Answered from memory (no wait on the request's path): a change to the user's endpoints
 * counts within a few seconds; until the first read, no text is kept.
 */
export function wantsCompletionContent(userId: string | null | undefined): boolean {
  if (!userId) return false;
  void subscribers().catch(() => {});
  return holder.__hearthCompletionSubscribers?.known?.get(userId) === true;
}

const INSERT_EVENTS = `
WITH e AS (
  INSERT INTO app_event (type, payload, user_id, created_at)
  SELECT '${EVENT}', r.payload, r.user_id, r.created_at
  FROM json_to_recordset($1::json) AS r(user_id text, payload jsonb, created_at timestamptz)
  RETURNING id
)
SELECT graphile_worker.add_job('${FAN_OUT_TASK}', json_build_object('eventIds', json_agg(e.id)))
FROM e HAVING count(*) > 0`;

/** Records the events of the /v1 rows whose users listen for them, and queues their delivery. */
export async function queueCompletionEvents(rows: readonly CompletionRow[]): Promise<void> {
  const api = rows.filter((r) => r.source === "api");
  if (api.length === 0) return;
  let listening: Subscribers;
  try {
    listening = await subscribers();
  } catch (err) {
    logger().warn({ err }, "could not read which webhooks listen for API requests");
    return;
  }
  const events = api
    .filter((r): r is CompletionRow & { userId: string } => !!r.userId && listening.has(r.userId))
    .map((r) => ({
      user_id: r.userId,
      created_at: r.createdAt ?? new Date(),
      payload: {
        model: r.model,
        endpoint: r.endpoint,
        stream: r.stream ?? false,
        status: r.status,
        keyPrefix: r.keyPrefix ?? null,
        promptTokens: r.promptTokens ?? 0,
        completionTokens: r.completionTokens ?? 0,
        totalTokens: (r.promptTokens ?? 0) + (r.completionTokens ?? 0),
        durationMs: r.durationMs ?? null,
        ttftMs: r.ttftMs ?? null,
        // Only endpoints that opted into content receive it (lib/webhooks/fan-out-events.ts).
        ...(r.content !== undefined && listening.get(r.userId) ? { content: r.content } : {}),
      },
    }));
  if (events.length === 0) return;
  await pool()
    .query({ name: "hearth-insert-completion-events", text: INSERT_EVENTS, values: [JSON.stringify(events)] })
    .catch((err: unknown) =>
      logger().warn({ err, events: events.length }, "could not record API request events"),
    );
}
