import type { DescribedSettings, SettingValues, SystemInfo } from "@/lib/shared/admin-system";
import { SETTING_LABELS } from "@/lib/shared/admin-system";
import { api } from "./api";

/** The /admin/system page's calls; each throws an ApiError on failure. */

export function fetchSystemInfo(signal?: AbortSignal): Promise<SystemInfo> {
  return api<SystemInfo>("/api/admin/system", { signal });
}

/** Saves the settings given (only those); answers with every setting as it now is. */
export async function saveSettings(patch: Partial<SettingValues>): Promise<DescribedSettings> {
  const { settings } = await api<{ settings: DescribedSettings }>("/api/admin/settings", {
    method: "PATCH",
    body: patch,
    labels: SETTING_LABELS,
  });
  return settings;
}

/** The models users can chat with, for the title model's picker. */
export async function fetchChatModels(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
  const { data } = await api<{ data: { id: string; name: string }[] }>("/api/models", { signal });
  return data;
}
