"use client";
import { useEffect, useRef, useState } from "react";
import {
  getUsageReport,
  usageQueryString,
  type UsageFilter,
  type UsageReport,
} from "@/lib/client/admin-usage";
import { toastError } from "@/lib/client/api";

/**
 * The report for the chosen filter: the server's first one, then fetched on
 * each change (the older request aborted). The filter is kept in the URL, so
 * a reload or a shared link shows the same range.
 */
export function useUsageReport(initial: { filter: UsageFilter; report: UsageReport }) {
  const [filter, setFilter] = useState(initial.filter);
  const [report, setReport] = useState(initial.report);
  const [loading, setLoading] = useState(false);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.history.replaceState(null, "", `?${usageQueryString(filter)}`);
    const controller = new AbortController();
    setLoading(true);
    getUsageReport(filter, controller.signal)
      .then(setReport)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) toastError(err, "Could not load usage:");
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filter]);

  return { filter, setFilter, report, loading };
}
