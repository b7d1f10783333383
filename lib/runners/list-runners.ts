import "server-only";
import { isAppError } from "@/lib/errors";
import type { RunnerStatus, RunnerView } from "@/lib/shared/admin-models";
import { clientFor } from "./registry";
import { listRunnerRows, type RunnerRow } from "./runner-records";
import { runnerView } from "./runner-view";

/** How long a status probe may take: the page shows "unreachable" rather than waiting. */
const PROBE_TIMEOUT_MS = 3_000;

/** Every runner, with (when asked) whether it answers, its version and how fast, probed in parallel. */
export async function listRunners(options: { status?: boolean } = {}): Promise<RunnerView[]> {
  const rows = await listRunnerRows();
  if (!options.status) return rows.map(runnerView);
  return Promise.all(rows.map(async (row) => ({ ...runnerView(row), status: await probeRunner(row) })));
}

/** Ollama: GET /api/version. OpenAI-compatible: GET /models (they have no version call). */
export async function probeRunner(row: RunnerRow): Promise<RunnerStatus> {
  const active = clientFor(row);
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    if (active.kind === "ollama") {
      const { version } = await active.runner.version(signal);
      return { reachable: true, version: version || null, latencyMs: latency(), error: null };
    }
    await active.runner.listModels(signal);
    return { reachable: true, version: null, latencyMs: latency(), error: null };
  } catch (err) {
    const error = signal.aborted
      ? `${row.name} did not answer within ${PROBE_TIMEOUT_MS / 1000} seconds.`
      : isAppError(err)
        ? err.message
        : `${row.name} cannot be reached.`;
    return { reachable: false, version: null, latencyMs: latency(), error };
  }
}
