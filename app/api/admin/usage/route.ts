import { readQuery } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { getUsageReport } from "@/lib/usage/get-usage-report";
import { usageQuery, usageWindow } from "@/lib/usage/usage-range";

export const GET = withAdmin(async (req) => {
  const window = usageWindow(readQuery(req, usageQuery));
  return Response.json(await getUsageReport(window), { headers: { "cache-control": "no-store" } });
});
