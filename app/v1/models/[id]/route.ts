import { getModel } from "@/lib/gateway/list-models";
import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { webRoute } from "@/lib/gateway/web-transport";
import { guardApiKey } from "@/lib/gateway/with-api-key";

// Served by the fast path (lib/server/v1-routes.ts) in `npm start`; this is the same handler for `npm run dev`.
export const GET = webRoute(guardApiKey(getModel));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
