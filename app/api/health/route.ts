import { checkHealth } from "@/lib/health/check-health";
import { route } from "@/lib/http/route";

export const GET = route(async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.checks.database.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
