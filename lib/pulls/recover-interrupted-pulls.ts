import "server-only";
import { sql } from "drizzle-orm";
import { instanceId } from "@/lib/chats/instance-id";
import { db } from "@/lib/db/client";
import { livePulls } from "./live-pulls";
import { PULL_HEARTBEAT_MS } from "./run-pull";

/** A running pull whose row has not been touched for this long has no process behind it. */
export const PULL_STALE_AFTER_MS = PULL_HEARTBEAT_MS * 6;

/**
 * Marks pulls that no process runs any more as `interrupted` (Retry resumes
 * them). At boot: every running pull this server owned before it stopped.
 * Periodically: pulls whose owner stopped beating (another process that
 * died). Returns how many were marked.
 */
export async function recoverInterruptedPulls(input: { atBoot: boolean }): Promise<number> {
  const running = [...livePulls.keys()];
  const mine = input.atBoot ? sql`owner = ${instanceId()} OR ` : sql``;
  const notRunning = running.length
    ? sql`AND id NOT IN (${sql.join(
        running.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const { rowCount } = await db().execute(sql`
    UPDATE pull_job
    SET status = 'interrupted', owner = NULL, updated_at = now(), finished_at = now()
    WHERE status = 'running'
      AND (${mine}updated_at < now() - make_interval(secs => ${PULL_STALE_AFTER_MS / 1000}))
      ${notRunning}`);
  return rowCount ?? 0;
}
