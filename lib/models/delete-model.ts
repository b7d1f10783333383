import "server-only";
import { recordEvent } from "@/lib/events/record-event";
import { invalidateModelCaches, ollamaRunnerById } from "@/lib/runners/registry";

/** Removes an installed model from one Ollama runner; every picker forgets it at once. */
export async function deleteModel(input: { runnerId: string; model: string }): Promise<void> {
  const runner = await ollamaRunnerById(input.runnerId);
  await runner.remove(input.model);
  invalidateModelCaches();
  await recordEvent("model.deleted", { runnerId: input.runnerId, model: input.model });
}
