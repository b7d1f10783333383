import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { generations } from "./generation/live-generations";
import { HEARTBEAT_MS } from "./generation/run-generation";
import { instanceId } from "./instance-id";

/** A streaming row whose heartbeat is older than this has no process behind it. */
const STALE_AFTER_MS = HEARTBEAT_MS * 5;

/**
 * Marks replies that no process is generating any more as `interrupted`,
 * keeping their text. At boot: every row this server owned before it died or
 * restarted. Periodically: rows whose owner stopped beating (another replica
 * that crashed). Returns how many were marked.
 */
export async function recoverInterrupted(input: { atBoot: boolean }): Promise<number> {
  const running = [...generations.keys()];
  const mine = input.atBoot ? sql`owner = ${instanceId()} OR ` : sql``;
  const notRunning = running.length
    ? sql`AND id NOT IN (${sql.join(
        running.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const { rowCount } = await db().execute(sql`
    UPDATE message SET status = 'interrupted', owner = NULL, updated_at = now()
    WHERE status = 'streaming'
      AND (${mine}updated_at < now() - make_interval(secs => ${STALE_AFTER_MS / 1000}))
      ${notRunning}`);
  return rowCount ?? 0;
}
