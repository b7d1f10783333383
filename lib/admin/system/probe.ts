import "server-only";
import type { Probe } from "@/lib/shared/admin-system";

/** Each check gets this long, so one dead runner costs the page two seconds, not a minute. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Runs one check under a deadline and times it. The work gets a signal that
 * aborts at the deadline; whatever it has not finished by then is reported
 * as unreachable, with a reason a person can read (never a stack or a secret).
 */
export async function probe<T extends object>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<(Probe & { result: T }) | (Probe & { result: null })> {
  const t0 = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout(timeoutMs));
    }, timeoutMs);
  });
  const latency = () => Math.round(performance.now() - t0);
  try {
    const result = await Promise.race([work(controller.signal), deadline]);
    return { reachable: true, latencyMs: latency(), error: null, result };
  } catch (err) {
    return { reachable: false, latencyMs: latency(), error: describeFailure(err, timeoutMs), result: null };
  } finally {
    clearTimeout(timer);
  }
}

/** The value of `work`, or `fallback` when it fails or takes longer than `timeoutMs`. */
export async function within<T>(work: Promise<T>, fallback: T, timeoutMs = PROBE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** A check that got an answer it did not like: its message is shown as it is. */
export class ProbeRefused extends Error {}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof ProbeTimeout || err instanceof ProbeRefused) return err.message;
  if (!(err instanceof Error)) return "failed";
  if (err.name === "AbortError" || err.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const code = (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  // fetch refuses some ports outright (9, 25, 6000...), as browsers do.
  if ((err.cause as Error | undefined)?.message === "bad port") return "port not allowed by fetch";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") return "connection timed out";
  if (code === "CERT_HAS_EXPIRED" || code?.startsWith("ERR_TLS") || code?.includes("CERT"))
    return "TLS certificate refused";
  return code ? `failed (${code})` : "failed";
}
