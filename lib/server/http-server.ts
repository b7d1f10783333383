// No `import "server-only"`: this runs in the server entry (lib/server/main.ts), outside Next.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Socket } from "node:net";
import type { OpenAIErrorBody } from "../gateway/openai-error";
import { observeHttpRequest } from "../metrics/observe-http";
import { stampClientAddress, type TrustProxy } from "./client-address";

/** Every open socket, upgraded ones (websockets) included: closeAllConnections() misses those. */
const openSockets = new WeakMap<http.Server, Set<Socket>>();
/** What each server is doing: requests under way, and whether it is draining. */
const serverState = new WeakMap<http.Server, { inFlight: number; served: number; draining: boolean }>();

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** The methods some route answers; Next throws (a 500) on others such as TRACE. */
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ALLOW_HEADER = [...ALLOWED_METHODS].join(", ");

/** The path part of a request target (no query string or fragment). */
function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Whether the path's percent-escapes decode; Next answers a bare 500 when they do not. */
function pathDecodes(url: string): boolean {
  if (!url.includes("%")) return true;
  const path = pathOf(url);
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers a request refused before Next sees it, in the error shape its
 * caller parses: OpenAI's on the OpenAI-compatible API, the app's elsewhere.
 */
function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: 400 | 405 | 503,
  message: string,
  headers: Record<string, string> = {},
) {
  const path = pathOf(req.url ?? "/");
  const openAI = /^\/(api\/)?v1(\/|$)/.test(path);
  const code = status === 400 ? "bad_request" : status === 405 ? "method_not_allowed" : "unavailable";
  const body: OpenAIErrorBody | { error: { code: string; message: string } } = openAI
    ? {
        error: {
          message,
          type: status === 503 ? "server_error" : "invalid_request_error",
          param: null,
          code: status === 400 ? "invalid_path" : code,
        },
      }
    : { error: { code, message } };
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-request-id": randomUUID(),
  });
  res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
}

/** Whether a path is the OpenAI-compatible API's, /v1 or /api/v1. */
function isV1Path(path: string): boolean {
  return /^\/(?:api\/)?v1(?:\/|$)/.test(path);
}

/**
 * Hearth's HTTP server: every request gets the client's address stamped on
 * it (see stampClientAddress), then goes to `v1` (the fast path) when its path
 * is /v1 or /api/v1 and one is given, else to `handle` (Next's request handler).
 * The one place that sees the socket, so the one place that may say who the
 * client is. Requests Next would fail on with a bare 500 (an unknown method,
 * a malformed percent-escape in the path) get a 405 or 400 here instead.
 */
export function createHttpServer(options: {
  trust: TrustProxy;
  handle: RequestHandler;
  v1?: RequestHandler;
  onError: (err: unknown, req: http.IncomingMessage) => void;
}): http.Server {
  const state = { inFlight: 0, served: 0, draining: false };
  const server = http.createServer((req, res) => {
    observeHttpRequest(req, res);
    if (state.draining) return refuseWhileDraining(req, res);
    state.inFlight++;
    state.served++;
    res.once("close", () => {
      state.inFlight--;
      // Its keep-alive connection is idle now: close it, or it would hold the drain open.
      if (state.draining) setImmediate(() => server.closeIdleConnections());
    });
    if (!ALLOWED_METHODS.has(req.method ?? "")) {
      return refuse(req, res, 405, `The method ${req.method} is not supported here.`, {
        allow: ALLOW_HEADER,
      });
    }
    if (!pathDecodes(req.url ?? "/")) {
      return refuse(req, res, 400, "The address has a malformed percent-encoding.");
    }
    stampClientAddress(req, options.trust);
    const handle = options.v1 && isV1Path(pathOf(req.url ?? "/")) ? options.v1 : options.handle;
    handle(req, res).catch((err: unknown) => {
      options.onError(err, req);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end("Internal Server Error");
      } else res.destroy();
    });
  });
  serverState.set(server, state);
  const sockets = new Set<Socket>();
  openSockets.set(server, sockets);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return server;
}

/**
 * A request that arrives while the server drains (on a kept-alive connection):
 * 503 and `Connection: close`, so the client goes elsewhere or comes back
 * later. /api/health says "draining", so a proxy stops routing here.
 */
function refuseWhileDraining(req: http.IncomingMessage, res: http.ServerResponse) {
  res.shouldKeepAlive = false;
  if (pathOf(req.url ?? "/") === "/api/health") {
    res.writeHead(503, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      connection: "close",
    });
    res.end(req.method === "HEAD" ? undefined : JSON.stringify({ status: "draining" }));
    return;
  }
  refuse(req, res, 503, "Hearth is restarting. Try again in a few seconds.", {
    connection: "close",
    "retry-after": "5",
  });
}

/**
 * Starts a graceful shutdown: no new connections, and new requests on open
 * ones are refused (see refuseWhileDraining); requests under way go on.
 */
export function startDrainingHttpServer(server: http.Server): void {
  const state = serverState.get(server);
  if (state) state.draining = true;
  if (server.listening) server.close();
  server.closeIdleConnections();
}

/** How many requests the server is answering now (streams included). */
export function requestsInFlight(server: http.Server): number {
  return serverState.get(server)?.inFlight ?? 0;
}

/** How many requests the server has taken since it started. */
export function requestsServed(server: http.Server): number {
  return serverState.get(server)?.served ?? 0;
}

/**
 * Stops accepting connections and waits for requests under way (a streamed
 * reply being saved, say) for up to `graceMs`, then cuts what remains.
 */
export function closeHttpServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sockets = openSockets.get(server) ?? new Set();
    if (!server.listening && sockets.size === 0) return resolve();
    const cut = () => {
      for (const socket of sockets) socket.destroy();
    };
    const force = setTimeout(cut, graceMs);
    const done = () => {
      clearTimeout(force);
      resolve();
    };
    // A server already closed (draining) only waits for its last sockets.
    if (server.listening) server.close(done);
    else if (sockets.size === 0) done();
    else
      for (const socket of sockets)
        socket.once("close", () => {
          if (sockets.size === 0) done();
        });
    server.closeIdleConnections();
  });
}
