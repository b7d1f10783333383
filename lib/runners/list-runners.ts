import "server-only";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import type { RunnerStatus, RunnerView } from "@/lib/shared/admin-models";
import { clientFor } from "./registry";
import { listRunnerRows, type RunnerRow } from "./runner-records";
import { runnerView } from "./runner-view";

/** GET /api/admin/runners: `?status=1` probes each runner. */
export const listRunnersQuery = z.object({ status: z.enum(["0", "1"]).optional() });

/** How long a status probe may take: the page shows "unreachable" rather than waiting. */
const PROBE_TIMEOUT_MS = 3_000;

/** Every runner, with (when asked) whether it answers, its version and how fast, probed in parallel. */
export async function listRunners(options: { status?: boolean } = {}): Promise<RunnerView[]> {
  const rows = await listRunnerRows();
  if (!options.status) return rows.map(runnerView);
  return Promise.all(rows.map(async (row) => ({ ...runnerView(row), status: await probeRunner(row) })));
}

/**
 * Ollama: GET /api/version. OpenAI-compatible: GET /models (they have no
 * version call), through the same clients requests use, so the status says
 * what a request would meet. Used by /admin/models and /admin/system.
 */
export async function probeRunner(row: RunnerRow, timeoutMs = PROBE_TIMEOUT_MS): Promise<RunnerStatus> {
  const active = clientFor(row);
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    if (active.kind === "ollama") {
      const { version } = await active.runner.version(signal);
      return { reachable: true, version: version || null, latencyMs: latency(), error: null, models: null };
    }
    const models = await active.runner.listModels(signal);
    return { reachable: true, version: null, latencyMs: latency(), error: null, models: models.length };
  } catch (err) {
    const error = signal.aborted
      ? `${row.name} did not answer within ${timeoutMs / 1000} seconds.`
      : isAppError(err)
        ? err.message
        : `${row.name} cannot be reached.`;
    return { reachable: false, version: null, latencyMs: latency(), error, models: null };
  }
}
