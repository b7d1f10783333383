import type { UsageRange, UsageReport, UsageSource } from "@/lib/shared/admin-usage";
import { api } from "./api";

export type {
  UsageByKey,
  UsageByModel,
  UsageByUser,
  UsageDay,
  UsageReport,
  UsageTotals,
} from "@/lib/shared/admin-usage";

/** What the usage page shows: a range of UTC days and, optionally, one source. */
export interface UsageFilter {
  range: UsageRange;
  /** YYYY-MM-DD, for a custom range. */
  from?: string;
  to?: string;
  source: UsageSource | null;
}

export function usageQueryString(filter: UsageFilter): string {
  const params = new URLSearchParams({ range: filter.range });
  if (filter.range === "custom") {
    params.set("from", filter.from ?? "");
    params.set("to", filter.to ?? "");
  }
  if (filter.source) params.set("source", filter.source);
  return params.toString();
}

export function getUsageReport(filter: UsageFilter, signal?: AbortSignal): Promise<UsageReport> {
  return api<UsageReport>(`/api/admin/usage?${usageQueryString(filter)}`, { signal });
}

/** The CSV download of the same filter (a plain link: the browser saves it). */
export function usageExportUrl(filter: UsageFilter): string {
  return `/api/admin/usage/export.csv?${usageQueryString(filter)}`;
}
