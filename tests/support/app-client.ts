/**
 * Calls the app's real route handlers in-process, as Next.js would: a typed
 * loader for one route's module, one request builder, and `appFetch`, which
 * hands a request to the handler its URL and method name (params included).
 * Load app modules only after `setupTestApp()`: settings are read once.
 */
import fs from "node:fs";
import path from "node:path";
import type { AppRouteHandlerRoutes, ParamMap } from "@/.next/types/routes";

export const ORIGIN = "http://localhost:3000";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteContext<R extends AppRouteHandlerRoutes> = { params: Promise<ParamMap[R]> };
export type RouteHandler<R extends AppRouteHandlerRoutes> = (
  req: Request,
  ctx: RouteContext<R>,
) => Promise<Response>;
export type RouteModule<R extends AppRouteHandlerRoutes> = Partial<Record<Method, RouteHandler<R>>>;

/** The module of one route handler (`"/api/chats/[chatId]"`: app/api/chats/[chatId]/route.ts). */
export async function loadRoute<R extends AppRouteHandlerRoutes>(route: R): Promise<RouteModule<R>> {
  const file = path.join(APP_DIR, route, "route.ts");
  if (!fs.existsSync(file)) throw new Error(`no route handler at app${route}/route.ts`);
  // Next.js's own types for a route's context; the module's exports are checked by `next typegen`.
  return (await import(/* @vite-ignore */ file)) as RouteModule<R>;
}

/** One method's handler of a route; throws if the route has none. */
export async function loadHandler<R extends AppRouteHandlerRoutes>(
  route: R,
  method: Method,
): Promise<RouteHandler<R>> {
  const handler = (await loadRoute(route))[method];
  if (!handler) throw new Error(`app${route}/route.ts has no ${method}`);
  return handler;
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON, with its content type. */
  json?: unknown;
  body?: BodyInit;
  headers?: HeadersInit;
  signal?: AbortSignal;
}

/** A same-origin request, as the app's own pages send it: the Origin header set, JSON when `json` is given. */
export function appRequest(
  url: string,
  { method, json, body, headers, signal }: RequestOptions = {},
): Request {
  const full = new URL(url, ORIGIN);
  const h = new Headers({ origin: full.origin });
  if (json !== undefined) h.set("content-type", "application/json");
  for (const [name, value] of new Headers(headers)) h.set(name, value);
  return new Request(full, {
    method: method ?? (json !== undefined || body !== undefined ? "POST" : "GET"),
    headers: h,
    body: json !== undefined ? JSON.stringify(json) : body,
    signal,
    // A streamed body (a slow or dropped upload) needs it; Node's fetch refuses one without.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

interface Pattern {
  route: AppRouteHandlerRoutes;
  regex: RegExp;
  names: { name: string; rest: boolean }[];
  dynamic: number;
}

let patterns: Pattern[] | undefined;

/** Every route handler under app/, the static ones first, as Next.js prefers them. */
function routePatterns(): Pattern[] {
  if (patterns) return patterns;
  const found: Pattern[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === "route.ts") found.push(patternOf(segments.filter((s) => !/^\(.*\)$/.test(s))));
    }
  };
  walk(APP_DIR, []);
  patterns = found.sort((a, b) => a.dynamic - b.dynamic);
  return patterns;
}

function patternOf(segments: string[]): Pattern {
  const names: Pattern["names"] = [];
  const parts = segments.map((s) => {
    const rest = /^\[\.\.\.(\w+)\]$/.exec(s);
    if (rest) return (names.push({ name: rest[1]!, rest: true }), "(.+)");
    const one = /^\[(\w+)\]$/.exec(s);
    if (one) return (names.push({ name: one[1]!, rest: false }), "([^/]+)");
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return {
    route: `/${segments.join("/")}` as AppRouteHandlerRoutes,
    regex: new RegExp(`^/${parts.join("/")}/?$`),
    names,
    dynamic: names.length,
  };
}

/**
 * Hands the request to the route handler its path names, with the path's
 * params, as Next.js does; 404 or 405 as Next.js would answer them.
 */
export async function appFetch(req: Request): Promise<Response> {
  const pathname = new URL(req.url).pathname;
  for (const pattern of routePatterns()) {
    const match = pattern.regex.exec(pathname);
    if (!match) continue;
    const params: Record<string, string | string[]> = {};
    pattern.names.forEach(({ name, rest }, i) => {
      const raw = match[i + 1]!;
      params[name] = rest ? raw.split("/") : raw;
    });
    const handler = (await loadRoute(pattern.route))[req.method as Method];
    if (!handler) return new Response(null, { status: 405 });
    return handler(req, { params: Promise.resolve(params) } as RouteContext<typeof pattern.route>);
  }
  return new Response(null, { status: 404 });
}
