import "server-only";
import type { RunnerView } from "@/lib/shared/admin-models";
import { DEFAULT_RUNNER_ID, type RunnerRow } from "./runner-records";

/** A runner row as the browser may see it: the key only as `hasApiKey`. */
export function runnerView(row: RunnerRow): RunnerView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    enabled: row.enabled,
    hasApiKey: row.apiKeySealed !== null,
    isDefault: row.id === DEFAULT_RUNNER_ID,
    createdAt: row.createdAt.toISOString(),
  };
}
