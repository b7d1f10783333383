import "server-only";
import { AppError } from "@/lib/errors";
import { ollamaRunner } from "@/lib/runners/registry";

/** GET /v1/models: every model the key may use, in OpenAI's list shape. */
export async function listModelsResponse(signal: AbortSignal, allowed: string[] | null): Promise<Response> {
  const models = (await ollamaRunner().listModels(signal)).filter((m) => !allowed || allowed.includes(m.id));
  return Response.json({
    object: "list",
    data: models.map((m) => ({ id: m.id, object: "model", created: m.createdAt, owned_by: m.ownedBy })),
  });
}

/** GET /v1/models/{id}. */
export async function getModelResponse(
  id: string,
  signal: AbortSignal,
  allowed: string[] | null,
): Promise<Response> {
  const model = (await ollamaRunner().listModels(signal)).find(
    (m) => m.id === id && (!allowed || allowed.includes(id)),
  );
  if (!model) throw new AppError("not_found", `The model '${id}' does not exist.`, { param: "model" });
  return Response.json({ id: model.id, object: "model", created: model.createdAt, owned_by: model.ownedBy });
}
