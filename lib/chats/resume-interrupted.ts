import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { resolveModel } from "@/lib/runners/registry";
import { isDraining } from "@/lib/server/draining";
import { continueReply, reportContinueFailure } from "./continue-reply";
import { generations } from "./generation/live-generations";
import { HEARTBEAT_MS } from "./generation/run-generation";
import { instanceId } from "./instance-id";

/** Only replies cut this recently are continued by themselves; older ones wait for Continue. */
export const RESUME_WITHIN_MS = 5 * 60_000;
/** A reply that keeps taking its process down (say, out of memory) is not taken up forever. */
export const MAX_RESUMES = 3;
/** A streaming row whose heartbeat is older than this has no process behind it. */
const STALE_AFTER_MS = HEARTBEAT_MS * 5;

/**
 * Continues, in this process, the replies a restart or crash cut off: rows
 * `interrupted` in the last few minutes, and `streaming` rows no process
 * generates any more (this server's own at boot, or any whose heartbeat
 * stopped). Only runners that continue a final assistant message (Ollama)
 * are used; other replies are left for recoverInterrupted to mark, and the
 * user's Continue button. Each row is claimed with one conditional UPDATE, so
 * of two replicas sweeping at once only one continues it. Returns how many.
 */
export async function resumeInterrupted(input: { atBoot: boolean }): Promise<number> {
  if (isDraining()) return 0;
  const m = schema.message;
  const orphaned = sql`(${m.status} = 'interrupted' OR (${m.status} = 'streaming' AND (${
    input.atBoot ? sql`${m.owner} = ${instanceId()} OR ` : sql``
  }${m.updatedAt} < now() - make_interval(secs => ${STALE_AFTER_MS / 1000}))))`;
  const recent = sql`${m.updatedAt} > now() - make_interval(secs => ${RESUME_WITHIN_MS / 1000})`;
  const candidates = await db()
    .select({ id: m.id, model: m.model })
    .from(m)
    .where(
      sql`${m.role} = 'assistant' AND ${m.parentId} IS NOT NULL AND ${m.resumeCount} < ${MAX_RESUMES} AND ${recent} AND ${orphaned}`,
    )
    .orderBy(m.updatedAt)
    .limit(100);

  let resumed = 0;
  for (const candidate of candidates) {
    if (generations.has(candidate.id) || !candidate.model || isDraining()) continue;
    try {
      const target = await resolveModel(candidate.model).catch(() => null);
      if (target?.kind !== "ollama") continue;
      const [reply] = await db()
        .update(m)
        .set({
          status: "streaming",
          owner: instanceId(),
          resumeCount: sql`${m.resumeCount} + 1`,
          stopRequested: false,
          error: null,
          updatedAt: new Date(),
        })
        .where(
          sql`${m.id} = ${candidate.id} AND ${m.resumeCount} < ${MAX_RESUMES} AND ${recent} AND ${orphaned}`,
        )
        .returning();
      if (!reply) continue; // another replica took it
      const [chat] = await db().select().from(schema.chat).where(eq(schema.chat.id, reply.chatId));
      if (!chat) continue;
      await continueReply({ chat, reply, runner: target.runner, model: target.model });
      resumed++;
    } catch (err) {
      reportContinueFailure(err, candidate.id);
    }
  }
  return resumed;
}
