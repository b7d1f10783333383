// No `import "server-only"`: called by the HTTP server (lib/server), outside Next.
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { metrics } from "./registry";
import { routeLabelerFor, type RouteLabeler } from "./route-label";

/** The checkout (or image) root, from the source tree or from dist/. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

let labeler: RouteLabeler | undefined;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Counts a request and times it to the end of its answer (a stream's last
 * byte, or the client leaving). The request's own cost is one clock read and
 * one listener; the route is worked out once the answer is over.
 */
export function observeHttpRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
  const started = performance.now();
  res.once("close", () => {
    labeler ??= routeLabelerFor(findRoot(import.meta.dirname));
    const url = req.url ?? "/";
    const q = url.search(/[?#]/);
    const route = labeler(q === -1 ? url : url.slice(0, q));
    const method = METHODS.has(req.method ?? "") ? req.method! : "OTHER";
    const m = metrics();
    // A client that left before the answer was complete: nginx's 499, as the usage rows say.
    const status = res.writableFinished ? String(res.statusCode) : "499";
    m.httpRequests.inc({ method, route, status });
    m.httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
  });
}
