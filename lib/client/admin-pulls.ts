import type { PullJobView } from "@/lib/shared/admin-pulls";
import { api } from "./api";

/** The browser's calls for model pulls (/api/admin/pulls). */

const jobPath = (id: string) => `/api/admin/pulls/${encodeURIComponent(id)}`;

/** Running pulls first, then the recent ones. */
export async function listPulls(signal?: AbortSignal): Promise<PullJobView[]> {
  return (await api<{ jobs: PullJobView[] }>("/api/admin/pulls", { signal })).jobs;
}

/** Starts a pull, or joins the one of that model already running on that runner. */
export function startPull(runnerId: string, model: string): Promise<PullJobView> {
  return api<PullJobView>("/api/admin/pulls", {
    method: "POST",
    body: { runnerId, model },
    labels: { model: "Model", runnerId: "Runner" },
  });
}

export function cancelPull(id: string): Promise<PullJobView> {
  return api<PullJobView>(`${jobPath(id)}/cancel`, { method: "POST" });
}

/** A new job for the same model and runner; the download resumes. */
export function retryPull(id: string): Promise<PullJobView> {
  return api<PullJobView>(`${jobPath(id)}/retry`, { method: "POST" });
}

/** The SSE stream of one job: `progress` events, then `done`; each carries the whole PullJobView. */
export function pullEventsUrl(id: string): string {
  return `${jobPath(id)}/events`;
}
