/**
 * Any request to Better Auth's routes (/api/auth/*) as a Browser from
 * auth-client.ts would send it: its cookies, its address, same origin.
 */
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { ORIGIN, type Browser, type Routes } from "./auth-client";

export async function authCall(
  routes: Routes,
  browser: Browser,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  init: { contentType?: string; rawBody?: string } = {},
): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN, [CLIENT_IP_HEADER]: browser.ip });
  if (browser.cookies.size)
    headers.set("cookie", [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  const hasBody = method === "POST";
  if (hasBody) headers.set("content-type", init.contentType ?? "application/json");
  const req = new Request(`${ORIGIN}/api/auth${path}`, {
    method,
    headers,
    body: hasBody ? (init.rawBody ?? JSON.stringify(body ?? {})) : undefined,
  });
  return routes.auth[method](req, undefined as never);
}
