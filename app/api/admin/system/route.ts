import { getSystemInfo } from "@/lib/admin/system/get-system-info";
import { withAdmin } from "@/lib/http/with-user";

/** The server's health as /admin/system shows it: database, runners, app, disk. */
export const GET = withAdmin(async () => {
  return Response.json(await getSystemInfo(), { headers: { "cache-control": "no-store" } });
});
