import "server-only";
import type { RunnerView } from "@/lib/shared/admin-models";
import { DEFAULT_RUNNER_ID, type RunnerRow } from "./runner-records";

/** A runner row as the browser may see it: the key only as `hasApiKey`, the URL without credentials. */
export function runnerView(row: RunnerRow): RunnerView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: withoutCredentials(row.baseUrl),
    enabled: row.enabled,
    hasApiKey: row.apiKeySealed !== null,
    isDefault: row.id === DEFAULT_RUNNER_ID,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A base URL as it may be shown: OLLAMA_BASE_URL may carry user:password
 * (admin-added runners cannot), which never reaches a browser.
 */
function withoutCredentials(raw: string): string {
  try {
    const u = new URL(raw);
    if (!u.username && !u.password) return raw;
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/+$/, "");
  } catch {
    return raw;
  }
}
