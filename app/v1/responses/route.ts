import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { createResponse } from "@/lib/gateway/responses/create-response";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const POST = withApiKey((req, caller) => createResponse(req, caller));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
