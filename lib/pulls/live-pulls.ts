import "server-only";

/** The progress of a pull this process runs, fresher than its row (written once a second). */
export interface PullProgressSnapshot {
  statusLine: string;
  completedBytes: number;
  totalBytes: number;
  percent: number;
}

export interface LivePull {
  controller: AbortController;
  progress: PullProgressSnapshot;
}

/** Why a running pull was stopped: an admin's Cancel, or this process shutting down. */
export type PullStopReason = "cancelled" | "interrupted" | "lost";

// Kept on globalThis so that route modules and boot code (bundled apart) share one map.
const holder = globalThis as unknown as { __hearthPulls?: Map<string, LivePull> };

/** Pulls running in this process, by job id. */
export const livePulls: Map<string, LivePull> = (holder.__hearthPulls ??= new Map());

/** Stops every pull this process runs, marking them interrupted (shutdown); Retry resumes them. */
export function interruptLivePulls(): void {
  for (const pull of livePulls.values()) pull.controller.abort("interrupted" satisfies PullStopReason);
}
