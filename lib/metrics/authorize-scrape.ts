import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { requireAdmin } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Who may read /api/metrics: a scraper sending METRICS_TOKEN as a bearer
 * token (compared in constant time, on digests so the length leaks nothing
 * either), or a signed-in admin. A wrong token is a 401 even with a session:
 * a scraper's mistake should show, not be hidden by a browser's cookie.
 */
export async function authorizeScrape(req: Request): Promise<void> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const token = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
    const expected = config().metricsToken;
    if (token && expected && timingSafeEqual(digest(token), digest(expected))) return;
    throw new AppError("unauthorized", "The metrics token is not valid.", {
      headers: { "www-authenticate": 'Bearer realm="hearth-metrics"' },
    });
  }
  await requireAdmin(req);
}
