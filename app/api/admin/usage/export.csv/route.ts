import { readQuery } from "@/lib/http/read-json";
import { withAdmin } from "@/lib/http/with-user";
import { exportUsageCsv } from "@/lib/usage/export-usage-csv";
import { usageQuery, usageWindow } from "@/lib/usage/usage-range";

export const GET = withAdmin(async (req) => {
  const window = usageWindow(readQuery(req, usageQuery));
  const name = `hearth-usage-${window.from}-to-${window.to}${window.source ? `-${window.source}` : ""}.csv`;
  return new Response(exportUsageCsv(window), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
