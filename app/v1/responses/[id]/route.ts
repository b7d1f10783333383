import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { deleteStoredResponse, getStoredResponse } from "@/lib/gateway/responses/stored-response";
import { withApiKey } from "@/lib/gateway/with-api-key";

type Ctx = { params: Promise<{ id: string }> };

export const GET = withApiKey(async (req, caller, ctx: Ctx) =>
  getStoredResponse(req, caller, (await ctx.params).id),
);
export const DELETE = withApiKey(async (req, caller, ctx: Ctx) =>
  deleteStoredResponse(req, caller, (await ctx.params).id),
);

export const { POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["GET", "DELETE"]);
