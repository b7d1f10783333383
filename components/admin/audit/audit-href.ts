import type { AuditFilters } from "@/lib/shared/admin-audit";

/** The audit page's URL for these filters, at a page (a cursor and its direction) or at the start. */
export function auditHref(
  filters: AuditFilters,
  page?: { cursor: string; direction: "older" | "newer" },
): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page) {
    params.set("cursor", page.cursor);
    if (page.direction === "newer") params.set("direction", "newer");
  }
  const qs = params.toString();
  return qs ? `/admin/audit?${qs}` : "/admin/audit";
}

/** "2026-11-30" in the reader's time zone, for a date input; "" for none. */
export function localDay(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The start of a day in the reader's time zone (with `plusDays`, of a later one), as an ISO instant. */
export function dayStart(day: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString();
}
