import "server-only";
import { probeRunner } from "@/lib/runners/list-runners";
import { listRunnerRows } from "@/lib/runners/runner-records";
import { runnerView } from "@/lib/runners/runner-view";
import type { RunnerStatus } from "@/lib/shared/admin-system";
import { PROBE_TIMEOUT_MS } from "./probe";

/**
 * Every runner Hearth knows, each checked at once (a dead one costs its own
 * timeout, not the others') by the same probe as /admin/models. A disabled
 * runner is not called.
 */
export async function probeRunners(): Promise<RunnerStatus[]> {
  const rows = await listRunnerRows();
  return Promise.all(
    rows.map(async (row) => {
      const view = runnerView(row);
      const base = {
        id: row.id,
        name: row.name,
        kind: row.kind,
        baseUrl: view.baseUrl,
        enabled: row.enabled,
      };
      if (!row.enabled) {
        return { ...base, reachable: false, latencyMs: 0, error: "disabled", version: null, models: null };
      }
      const { reachable, latencyMs, error, version, models } = await probeRunner(row, PROBE_TIMEOUT_MS);
      return { ...base, reachable, latencyMs, error, version, models };
    }),
  );
}
