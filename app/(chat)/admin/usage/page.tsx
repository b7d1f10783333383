import type { Metadata } from "next";
import { UsageDashboard } from "@/components/admin/usage/usage-dashboard";
import { isAppError } from "@/lib/errors";
import { getUsageReport } from "@/lib/usage/get-usage-report";
import { usageQuery, usageWindow } from "@/lib/usage/usage-range";

export const metadata: Metadata = { title: "Usage · Administration" };

/** The first report comes with the page; the admin layout has checked the role. */
export default async function AdminUsagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = Object.fromEntries(
    Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  // A hand-edited URL with a bad range falls back to the last 7 days.
  const parsed = usageQuery.safeParse(params);
  let query = parsed.success ? parsed.data : usageQuery.parse({});
  let window;
  try {
    window = usageWindow(query);
  } catch (err) {
    if (!isAppError(err)) throw err;
    query = usageQuery.parse({});
    window = usageWindow(query);
  }
  const report = await getUsageReport(window);
  return (
    <UsageDashboard
      filter={{ range: query.range, from: query.from, to: query.to, source: query.source }}
      report={report}
    />
  );
}
