import { listModelsResponse } from "@/lib/gateway/list-models";
import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const GET = withApiKey(async (_req, caller) => {
  await caller.admit({ endpoint: "models" });
  return listModelsResponse(caller.allowedModels);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
