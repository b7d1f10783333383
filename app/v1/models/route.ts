import { listModelsResponse } from "@/lib/gateway/list-models";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const GET = withApiKey(async (req, caller) => {
  await caller.limit();
  return listModelsResponse(req.signal);
});
