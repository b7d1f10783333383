"use client";
import { BarChart3Icon } from "lucide-react";
import dynamic from "next/dynamic";
import type { UsageFilter, UsageReport } from "@/lib/client/admin-usage";
import { UsageFilterBar } from "./usage-filter-bar";
import { formatDay } from "./usage-format";
import { UsageSummary } from "./usage-summary";
import { UsageTable } from "./usage-table";
import { useUsageReport } from "./use-usage-report";

// recharts is large: only this page loads it, and only in the browser.
const UsageCharts = dynamic(() => import("./usage-charts"), {
  ssr: false,
  loading: () => (
    <div className="grid gap-4 lg:grid-cols-2" aria-hidden>
      <div className="h-72 animate-pulse rounded-xl border bg-muted/40" />
      <div className="h-72 animate-pulse rounded-xl border bg-muted/40" />
    </div>
  ),
});

/** /admin/usage: the filter, the totals, the charts per day and the tables per model, user and key. */
export function UsageDashboard(initial: { filter: UsageFilter; report: UsageReport }) {
  const { filter, setFilter, report, loading } = useUsageReport(initial);
  const span =
    report.from === report.to
      ? formatDay(report.from, true)
      : `${formatDay(report.from, true)} – ${formatDay(report.to, true)}`;
  return (
    <div className="flex flex-col gap-6" aria-busy={loading}>
      <UsageFilterBar filter={filter} onChange={setFilter} loading={loading} />
      <p className="-mt-3 text-sm text-muted-foreground">
        {span}
        {report.source === "chat"
          ? " · chat only"
          : report.source === "api"
            ? " · API only"
            : " · chat and API"}
        {" · UTC days"}
      </p>
      <UsageSummary totals={report.totals} />
      {report.totals.requests === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed px-6 py-12 text-center">
          <BarChart3Icon aria-hidden className="size-8 text-muted-foreground" />
          <h2 className="text-base font-semibold">No usage in this range</h2>
          <p className="max-w-md text-sm text-muted-foreground">
            Chat replies and API requests show up here within a few seconds of being made. Try a longer range,
            or the other source.
          </p>
        </div>
      ) : (
        <>
          <UsageCharts days={report.days} />
          <div className="grid gap-4">
            <UsageTable
              title="Top models"
              nameHeader="Model"
              rows={report.models}
              rowKey={(r) => r.model ?? ""}
              name={(r) => <span className="font-mono text-[13px] break-all">{r.model ?? "(none)"}</span>}
              empty="No model was used."
            />
            <UsageTable
              title="Top users"
              nameHeader="User"
              rows={report.users}
              rowKey={(r) => r.userId ?? ""}
              name={(r) =>
                r.email ? (
                  <span className="flex min-w-0 flex-col">
                    <span className="truncate font-medium">{r.name}</span>
                    <span className="truncate text-xs text-muted-foreground">{r.email}</span>
                  </span>
                ) : (
                  <span className="text-muted-foreground">Deleted user</span>
                )
              }
              empty="Nobody used Hearth in this range."
            />
          </div>
          <UsageTable
            title="API keys"
            nameHeader="Key"
            rows={report.keys}
            rowKey={(r) => `${r.userId}/${r.keyPrefix}`}
            name={(r) => (
              <span className="flex min-w-0 flex-col">
                <span className="truncate font-medium">
                  {r.keyName ?? <span className="text-muted-foreground">Deleted key</span>}{" "}
                  <span className="font-mono text-xs text-muted-foreground">{r.keyPrefix}…</span>
                </span>
                {r.email && <span className="truncate text-xs text-muted-foreground">{r.email}</span>}
              </span>
            )}
            empty="No API key was used in this range."
          />
        </>
      )}
    </div>
  );
}
