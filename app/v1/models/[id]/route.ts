import { getModelResponse } from "@/lib/gateway/list-models";
import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { withApiKey } from "@/lib/gateway/with-api-key";
import { decodePathParam } from "@/lib/http/path-param";

export const GET = withApiKey<{ params: Promise<{ id: string }> }>(async (_req, caller, { params }) => {
  const id = decodePathParam((await params).id, "model");
  await caller.admit({ endpoint: "models" });
  return getModelResponse(id, caller.allowedModels);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
