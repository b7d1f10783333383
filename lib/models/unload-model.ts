import "server-only";
import { ollamaRunnerById } from "@/lib/runners/registry";

/** Frees the memory (and VRAM) a loaded model holds on one Ollama runner; the next request loads it again. */
export async function unloadModel(input: { runnerId: string; model: string }): Promise<void> {
  const runner = await ollamaRunnerById(input.runnerId);
  await runner.unload(input.model);
}
