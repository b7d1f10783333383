import "server-only";
import { config } from "@/lib/config";
import { pool } from "@/lib/db/client";

export interface CheckResult {
  status: "ok" | "error";
  latencyMs: number;
  error?: string;
  version?: string;
}

export interface Health {
  status: "ok" | "degraded" | "error";
  version: string;
  uptimeSeconds: number;
  checks: { database: CheckResult; runner: CheckResult };
}

// Each check gets well under the 2 s the whole answer is allowed.
const CHECK_TIMEOUT_MS = 1500;
const startedAt = Date.now();

/**
 * The database decides health; the runner (Ollama) is reported but its
 * failure alone only makes the app "degraded".
 */
export async function checkHealth(): Promise<Health> {
  const c = config();
  const [database, runner] = await Promise.all([checkDatabase(), checkRunner(c.ollamaBaseUrl)]);
  return {
    status: database.status !== "ok" ? "error" : runner.status !== "ok" ? "degraded" : "ok",
    version: c.version,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    checks: { database, runner },
  };
}

async function timed(fn: (signal: AbortSignal) => Promise<Partial<CheckResult>>): Promise<CheckResult> {
  const t0 = performance.now();
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    const extra = await Promise.race([
      fn(signal),
      new Promise<never>((_, reject) =>
        signal.addEventListener("abort", () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`))),
      ),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - t0), ...extra };
  } catch (err) {
    return { status: "error", latencyMs: Math.round(performance.now() - t0), error: describe(err) };
  }
}

function checkDatabase(): Promise<CheckResult> {
  return timed(async () => {
    await pool().query("SELECT 1");
    return {};
  });
}

function checkRunner(baseUrl: string): Promise<CheckResult> {
  return timed(async (signal) => {
    const res = await fetch(`${baseUrl}/api/version`, { signal, cache: "no-store" });
    if (!res.ok) throw new Error(`Ollama answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { version?: unknown };
    return typeof body.version === "string" ? { version: body.version } : {};
  });
}

/** A short reason for the health page; never a stack or a connection string. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return "failed";
  const code = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (err.name === "TimeoutError" || err.message.startsWith("no answer"))
    return `no answer within ${CHECK_TIMEOUT_MS} ms`;
  if (err.message.startsWith("Ollama answered")) return err.message;
  return code ? `failed (${code})` : "failed";
}
