import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { deleteStoredResponse, getStoredResponse } from "@/lib/gateway/responses/stored-response";
import { webRoute } from "@/lib/gateway/web-transport";
import { guardApiKey } from "@/lib/gateway/with-api-key";

// Served by the fast path (lib/server/v1-routes.ts) in `npm start`; these are the same handlers for `npm run dev`.
export const GET = webRoute(guardApiKey(getStoredResponse));
export const DELETE = webRoute(guardApiKey(deleteStoredResponse));

export const { POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["GET", "DELETE"]);
