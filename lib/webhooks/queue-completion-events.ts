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
}

const holder = globalThis as unknown as {
  __hearthCompletionSubscribers?: { at: number; users: Promise<Set<string>> };
};

/** Forgets who listens (an endpoint was added, changed or removed in this process). */
export function forgetSubscribers(): void {
  holder.__hearthCompletionSubscribers = undefined;
}

function subscribers(): Promise<Set<string>> {
  const hit = holder.__hearthCompletionSubscribers;
  if (hit && Date.now() - hit.at < SUBSCRIBERS_TTL_MS) return hit.users;
  const users = pool()
    .query<{ user_id: string }>({
      name: "hearth-completion-subscribers",
      text: "SELECT DISTINCT user_id FROM webhook_endpoint WHERE disabled_at IS NULL AND $1 = ANY (events)",
      values: [EVENT],
    })
    .then((r) => new Set(r.rows.map((row) => row.user_id)));
  holder.__hearthCompletionSubscribers = { at: Date.now(), users };
  users.catch(() => forgetSubscribers());
  return users;
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
  let listening: Set<string>;
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
      },
    }));
  if (events.length === 0) return;
  await pool()
    .query({ name: "hearth-insert-completion-events", text: INSERT_EVENTS, values: [JSON.stringify(events)] })
    .catch((err: unknown) =>
      logger().warn({ err, events: events.length }, "could not record API request events"),
    );
}
