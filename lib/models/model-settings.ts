import "server-only";
import { db, schema } from "@/lib/db/client";

export interface ModelSetting {
  enabled: boolean;
  displayName: string | null;
}

// Read on every chat and /v1 request; a change made in this process is seen at once.
const CACHE_MS = 2_000;
const REFRESH_AFTER_MS = 1_500;
let refreshing = false;
const holder = globalThis as unknown as {
  __hearthModelSettings?: { at: number; value: Promise<Map<string, ModelSetting>> };
};

/** The admin's choices per model id. A model without a row is enabled, under its own name. */
export function modelSettings(): Promise<Map<string, ModelSetting>> {
  const hit = holder.__hearthModelSettings;
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < CACHE_MS) {
    // Read again in the background shortly before the cache runs out: under steady traffic no request waits for it.
    if (age > REFRESH_AFTER_MS && !refreshing) {
      refreshing = true;
      const at = Date.now();
      const value = readModelSettings();
      value.then(
        () => {
          // Unless a change in this process made it forget what was cached meanwhile.
          if (holder.__hearthModelSettings === hit) holder.__hearthModelSettings = { at, value };
        },
        () => {},
      );
      void value.finally(() => (refreshing = false)).catch(() => {});
    }
    return hit.value;
  }
  const value = readModelSettings();
  holder.__hearthModelSettings = { at: Date.now(), value };
  value.catch(() => {
    if (holder.__hearthModelSettings?.value === value) holder.__hearthModelSettings = undefined;
  });
  return value;
}

function readModelSettings(): Promise<Map<string, ModelSetting>> {
  return db()
    .select()
    .from(schema.modelSetting)
    .then((rows) => new Map(rows.map((r) => [r.model, { enabled: r.enabled, displayName: r.displayName }])));
}

export function forgetModelSettings(): void {
  holder.__hearthModelSettings = undefined;
}

/**
 * The key a model's setting is kept under. Ollama reads "llama3.2" as
 * "llama3.2:latest" and accepts its registry's full name, so a disabled model
 * is not reachable under another spelling.
 */
export function settingKeyOf(id: string): string {
  const short = id.startsWith("registry.ollama.ai/library/")
    ? id.slice("registry.ollama.ai/library/".length)
    : id;
  const last = short.slice(short.lastIndexOf("/") + 1);
  return last.includes(":") ? short : `${short}:latest`;
}

/** Whether users may use this model id. */
export async function isModelEnabled(id: string): Promise<boolean> {
  const settings = await modelSettings();
  return (settings.get(id) ?? settings.get(settingKeyOf(id)))?.enabled ?? true;
}
