// No `import "server-only"`: this runs in the plain Node process of scripts/start.ts, outside Next.
import http from "node:http";
import type { Socket } from "node:net";
import { stampClientAddress, type TrustProxy } from "./client-address";

/** Every open socket, upgraded ones (websockets) included: closeAllConnections() misses those. */
const openSockets = new WeakMap<http.Server, Set<Socket>>();

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * Hearth's HTTP server: every request gets the client's address stamped on
 * it (see stampClientAddress), then goes to `handle` (Next's request handler).
 * The one place that sees the socket, so the one place that may say who the
 * client is.
 */
export function createHttpServer(options: {
  trust: TrustProxy;
  handle: RequestHandler;
  onError: (err: unknown, req: http.IncomingMessage) => void;
}): http.Server {
  const server = http.createServer((req, res) => {
    stampClientAddress(req, options.trust);
    options.handle(req, res).catch((err: unknown) => {
      options.onError(err, req);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end("Internal Server Error");
      } else res.destroy();
    });
  });
  const sockets = new Set<Socket>();
  openSockets.set(server, sockets);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return server;
}

/**
 * Stops accepting connections and waits for requests under way (a streamed
 * reply being saved, say) for up to `graceMs`, then cuts what remains.
 */
export function closeHttpServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => {
      for (const socket of openSockets.get(server) ?? []) socket.destroy();
    }, graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
