import { route } from "@/lib/http/route";
import { requestOrigin } from "@/lib/http/request-origin";
import { openApiDocument } from "@/lib/openapi/document";

/**
 * The OpenAPI document. Public: it holds no user data, only what every Hearth
 * install serves, so SDK generators and API tools can fetch it without a session.
 */
export const GET = route(async (req) => {
  const url = new URL(req.url);
  const origin = requestOrigin(req.headers, url.protocol === "https:" ? "https:" : "http:") ?? url.origin;
  // Its servers name the origin asked, so it must not be served from a cache to another host.
  return Response.json(openApiDocument(origin), {
    headers: { "cache-control": "no-cache", vary: "host, x-forwarded-host, x-forwarded-proto" },
  });
});
