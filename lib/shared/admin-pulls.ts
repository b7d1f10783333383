/** What the server says about a model pull, as the admin console shows it (API, SSE and page). */

export const PULL_STATUSES = ["running", "completed", "failed", "cancelled", "interrupted"] as const;
export type PullStatus = (typeof PULL_STATUSES)[number];

export interface PullJobView {
  id: string;
  runnerId: string;
  /** The runner's name as the admin set it ("Ollama", "GPU box"). */
  runnerName: string;
  model: string;
  status: PullStatus;
  /** Ollama's current status line ("pulling 8eeb52dfb3bb", "verifying sha256 digest"...). */
  statusLine: string;
  /** Bytes downloaded across every layer seen so far. */
  completedBytes: number;
  /** Bytes of every layer seen so far (grows as Ollama announces layers). */
  totalBytes: number;
  /** 0-100, never going back; 100 only once Ollama said "success". */
  percent: number;
  /** Ollama's message when the pull failed. */
  error: string | null;
  /** An admin pressed Cancel and the process running the pull has not stopped yet. */
  cancelRequested: boolean;
  /** Who started it, when that account still exists. */
  startedBy: string | null;
  createdAt: string;
  /** The last progress write (at most one a second while running). */
  updatedAt: string;
  finishedAt: string | null;
}

/** Statuses from which Retry starts a new pull of the same model on the same runner. */
export const RETRYABLE_STATUSES: readonly PullStatus[] = ["failed", "cancelled", "interrupted"];
