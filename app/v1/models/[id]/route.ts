import { getModelResponse } from "@/lib/gateway/list-models";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const GET = withApiKey<{ params: Promise<{ id: string }> }>(async (req, caller, { params }) => {
  await caller.admit({ endpoint: "models" });
  return getModelResponse(decodeURIComponent((await params).id), req.signal, caller.allowedModels);
});
