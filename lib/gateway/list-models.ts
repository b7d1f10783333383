import "server-only";
import { AppError } from "@/lib/errors";
import { modelSettings } from "@/lib/models/model-settings";
import { listAllModels } from "@/lib/runners/registry";
import type { ModelInfo } from "@/lib/runners/types";

/** Every model of every enabled runner that the admin has not disabled and the key may use. */
async function usableModels(allowed: string[] | null): Promise<ModelInfo[]> {
  const [entries, settings] = await Promise.all([listAllModels(), modelSettings()]);
  return entries
    .filter((e) => (settings.get(e.id)?.enabled ?? true) && (!allowed || allowed.includes(e.id)))
    .map((e) => e.info);
}

/** GET /v1/models: every model the key may use, in OpenAI's list shape. */
export async function listModelsResponse(allowed: string[] | null): Promise<Response> {
  const models = await usableModels(allowed);
  return Response.json({
    object: "list",
    data: models.map((m) => ({ id: m.id, object: "model", created: m.createdAt, owned_by: m.ownedBy })),
  });
}

/** GET /v1/models/{id}. */
export async function getModelResponse(id: string, allowed: string[] | null): Promise<Response> {
  const model = (await usableModels(allowed)).find((m) => m.id === id);
  if (!model) throw new AppError("not_found", `The model '${id}' does not exist.`, { param: "model" });
  return Response.json({ id: model.id, object: "model", created: model.createdAt, owned_by: model.ownedBy });
}
