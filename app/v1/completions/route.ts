import { completions } from "@/lib/gateway/completions";
import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { withApiKey } from "@/lib/gateway/with-api-key";

export const POST = withApiKey((req, caller) => completions(req, caller));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
