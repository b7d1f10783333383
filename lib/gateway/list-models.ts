import "server-only";
import { AppError } from "@/lib/errors";
import { modelSettings } from "@/lib/models/model-settings";
import { listAllModels } from "@/lib/runners/registry";
import { decodePathParam } from "@/lib/http/path-param";
import type { ModelInfo } from "@/lib/runners/types";
import { jsonReply, type ApiReply, type ApiRequest } from "./api-call";
import type { ApiCaller } from "./with-api-key";

/** Every model of every enabled runner that the admin has not disabled and the key may use. */
async function usableModels(allowed: string[] | null): Promise<ModelInfo[]> {
  const [entries, settings] = await Promise.all([listAllModels(), modelSettings()]);
  return entries
    .filter((e) => (settings.get(e.id)?.enabled ?? true) && (!allowed || allowed.includes(e.id)))
    .map((e) => e.info);
}

/** GET /v1/models: every model the key may use, in OpenAI's list shape. */
export async function listModels(_req: ApiRequest, caller: ApiCaller): Promise<ApiReply> {
  await caller.admit({ endpoint: "models" });
  const models = await usableModels(caller.allowedModels);
  return jsonReply({
    object: "list",
    data: models.map((m) => ({ id: m.id, object: "model", created: m.createdAt, owned_by: m.ownedBy })),
  });
}

/** GET /v1/models/{id}. */
export async function getModel(
  _req: ApiRequest,
  caller: ApiCaller,
  params: Record<string, string>,
): Promise<ApiReply> {
  const id = decodePathParam(params.id ?? "", "model");
  await caller.admit({ endpoint: "models" });
  const model = (await usableModels(caller.allowedModels)).find((m) => m.id === id);
  if (!model) throw new AppError("not_found", `The model '${id}' does not exist.`, { param: "model" });
  return jsonReply({ id: model.id, object: "model", created: model.createdAt, owned_by: model.ownedBy });
}
