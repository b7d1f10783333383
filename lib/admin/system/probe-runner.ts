import "server-only";
import { asc } from "drizzle-orm";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { db, schema } from "@/lib/db/client";
import type { RunnerStatus } from "@/lib/shared/admin-system";
import { probe, ProbeRefused } from "./probe";

type RunnerRow = typeof schema.runner.$inferSelect;

/** Every runner Hearth knows, each checked at once (a dead one costs its own timeout, not the others'). */
export async function probeRunners(): Promise<RunnerStatus[]> {
  const rows = await db()
    .select()
    .from(schema.runner)
    .orderBy(asc(schema.runner.position), asc(schema.runner.name));
  return Promise.all(rows.map(probeRunner));
}

/**
 * Ollama: GET /api/version. OpenAI-compatible: GET {baseUrl}/models with its
 * key (decrypted here, sent only to that server, never returned). A disabled
 * runner is not called.
 */
export async function probeRunner(row: RunnerRow): Promise<RunnerStatus> {
  const base = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: withoutCredentials(row.baseUrl),
    enabled: row.enabled,
  };
  if (!row.enabled) {
    return { ...base, reachable: false, latencyMs: 0, error: "disabled", version: null, models: null };
  }
  const url = row.baseUrl.replace(/\/+$/, "");
  if (row.kind === "ollama") {
    const { result, ...status } = await probe(async (signal) => {
      const body = await getJson(`${url}/api/version`, {}, signal);
      const version = (body as { version?: unknown } | null)?.version;
      return { version: typeof version === "string" ? version.slice(0, 50) : null };
    });
    return { ...base, ...status, version: result?.version ?? null, models: null };
  }
  const { result, ...status } = await probe(async (signal) => {
    const headers: Record<string, string> = {};
    if (row.apiKeySealed) headers.authorization = `Bearer ${unsealKey(row.apiKeySealed)}`;
    const body = await getJson(`${url}/models`, headers, signal);
    const data = (body as { data?: unknown } | null)?.data;
    return { models: Array.isArray(data) ? data.length : null };
  });
  return { ...base, ...status, version: null, models: result?.models ?? null };
}

async function getJson(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { headers, signal, cache: "no-store", redirect: "manual" });
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new ProbeRefused(`refused the API key (HTTP ${res.status})`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new ProbeRefused(`answered HTTP ${res.status}`);
  }
  return res.json().catch(() => null);
}

function unsealKey(sealed: string): string {
  try {
    return decryptSecret(sealed);
  } catch {
    // The key was sealed with another ENCRYPTION_KEY: say so rather than send garbage.
    throw new ProbeRefused("its API key cannot be decrypted (was ENCRYPTION_KEY changed?)");
  }
}

/** A base URL as it may be shown: an http://user:pass@host form loses its credentials. */
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
