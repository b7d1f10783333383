import { embeddings } from "@/lib/gateway/embeddings";
import { methodNotAllowed } from "@/lib/gateway/method-not-allowed";
import { webRoute } from "@/lib/gateway/web-transport";
import { guardApiKey } from "@/lib/gateway/with-api-key";

// Served by the fast path (lib/server/v1-routes.ts) in `npm start`; this is the same handler for `npm run dev`.
export const POST = webRoute(guardApiKey(embeddings));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
