import "server-only";
import { desc, eq, ne, type SQL } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import type { PullJobView } from "@/lib/shared/admin-pulls";
import { livePulls } from "./live-pulls";

/** How many finished pulls the list keeps showing under the running ones. */
const RECENT_LIMIT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const { pullJob, runner, user } = schema;

async function selectViews(where: SQL | undefined, limit: number): Promise<PullJobView[]> {
  const rows = await db()
    .select({
      id: pullJob.id,
      runnerId: pullJob.runnerId,
      runnerName: runner.name,
      model: pullJob.model,
      status: pullJob.status,
      statusLine: pullJob.statusLine,
      completedBytes: pullJob.completedBytes,
      totalBytes: pullJob.totalBytes,
      percent: pullJob.percent,
      error: pullJob.error,
      cancelRequested: pullJob.cancelRequested,
      startedBy: user.name,
      createdAt: pullJob.createdAt,
      updatedAt: pullJob.updatedAt,
      finishedAt: pullJob.finishedAt,
    })
    .from(pullJob)
    .innerJoin(runner, eq(runner.id, pullJob.runnerId))
    .leftJoin(user, eq(user.id, pullJob.startedBy))
    .where(where)
    .orderBy(desc(pullJob.createdAt))
    .limit(limit);
  return rows.map((row) =>
    withLiveProgress({
      ...row,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    }),
  );
}

/** A running pull of this process shows its in-memory progress, fresher than the row. */
function withLiveProgress(view: PullJobView): PullJobView {
  const live = view.status === "running" ? livePulls.get(view.id) : undefined;
  return live ? { ...view, ...live.progress } : view;
}

/** The running pulls, then the most recent others. */
export async function listPullJobs(): Promise<PullJobView[]> {
  const [running, others] = await Promise.all([
    selectViews(eq(pullJob.status, "running"), 100),
    selectViews(ne(pullJob.status, "running"), RECENT_LIMIT),
  ]);
  return [...running, ...others];
}

/** One pull, or null when there is none with this id (any malformed id included). */
export async function findPullJob(id: string): Promise<PullJobView | null> {
  if (!UUID.test(id)) return null;
  const [view] = await selectViews(eq(pullJob.id, id), 1);
  return view ?? null;
}
