import type { ModelDetailsView, ModelsOverview, RunnerKind, RunnerView } from "@/lib/shared/admin-models";
import { api } from "./api";

/** The browser's calls for /admin/models: runners, installed models and the admin's choices per model. */

export type {
  InstalledModelView,
  ModelDetailsView,
  ModelsOverview,
  RunnerView,
} from "@/lib/shared/admin-models";

export interface RunnerInput {
  name: string;
  kind: RunnerKind;
  baseUrl: string;
  /** Absent: unchanged; null: removed. */
  apiKey?: string | null;
}

const RUNNER_LABELS = { name: "Name", baseUrl: "Base URL", apiKey: "API key", kind: "Type" };

export async function listRunners(withStatus: boolean, signal?: AbortSignal): Promise<RunnerView[]> {
  const { data } = await api<{ data: RunnerView[] }>(`/api/admin/runners${withStatus ? "?status=1" : ""}`, {
    signal,
  });
  return data;
}

export function createRunner(input: RunnerInput): Promise<RunnerView> {
  return api("/api/admin/runners", { method: "POST", body: input, labels: RUNNER_LABELS });
}

export function updateRunner(
  id: string,
  changes: Partial<Omit<RunnerInput, "kind">> & { enabled?: boolean },
): Promise<RunnerView> {
  return api(`/api/admin/runners/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: changes,
    labels: RUNNER_LABELS,
  });
}

export function deleteRunner(id: string): Promise<void> {
  return api(`/api/admin/runners/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function loadModelsOverview(signal?: AbortSignal): Promise<ModelsOverview> {
  return api("/api/admin/models", { signal });
}

export function loadModelDetails(runnerId: string, model: string): Promise<ModelDetailsView> {
  const query = new URLSearchParams({ runnerId, model });
  return api(`/api/admin/models/details?${query}`);
}

export function deleteModel(runnerId: string, model: string): Promise<void> {
  return api("/api/admin/models", { method: "DELETE", body: { runnerId, model } });
}

export function unloadModel(runnerId: string, model: string): Promise<void> {
  return api("/api/admin/models/unload", { method: "POST", body: { runnerId, model } });
}

export interface ModelSettingChange {
  model: string;
  enabled?: boolean;
  displayName?: string | null;
  isDefault?: boolean;
}

export function updateModelSetting(change: ModelSettingChange): Promise<unknown> {
  return api("/api/admin/models/settings", {
    method: "PATCH",
    body: change,
    labels: { displayName: "Display name" },
  });
}

/** Bytes as a model's size reads: 522.7 MB, 2.02 GB (decimal units, as Ollama prints them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** When a loaded model leaves memory: "unloads in 4 min", or "stays loaded" (keep_alive < 0 reads as centuries away). */
export function formatExpiry(iso: string, now = Date.now()): string {
  const left = new Date(iso).getTime() - now;
  if (Number.isNaN(left)) return "";
  if (left > 365 * 86_400_000) return "stays loaded";
  const minutes = Math.round(left / 60_000);
  return minutes <= 0 ? "unloads within a minute" : `unloads in ${minutes} min`;
}
