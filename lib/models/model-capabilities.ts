import "server-only";
import { ollamaRunner } from "@/lib/runners/registry";

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; capabilities: string[] | null }>();

/**
 * What a model can do ("vision", "tools", "thinking", ...), from Ollama's
 * /api/show, cached for a minute. Null when it cannot be told (Ollama down).
 */
export async function modelCapabilities(model: string): Promise<string[] | null> {
  const hit = cache.get(model);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.capabilities;
  const capabilities = await ollamaRunner()
    .show(model)
    .then((d) => d.capabilities)
    .catch(() => null);
  cache.set(model, { at: Date.now(), capabilities });
  return capabilities;
}
