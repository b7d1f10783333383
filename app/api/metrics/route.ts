import { route } from "@/lib/http/route";
import { authorizeScrape } from "@/lib/metrics/authorize-scrape";
import { renderMetrics } from "@/lib/metrics/render-metrics";

/** GET /api/metrics: Prometheus's text format, for METRICS_TOKEN's bearer or an admin. */
export const GET = route(async (req) => {
  await authorizeScrape(req);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
