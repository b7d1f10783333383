/** Dates as the reader reads them: their locale and time zone, so only in the browser (see LocalTime). */

const DAY = 86_400_000;

/** "Mar 3, 2026" in the reader's locale. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(iso));
}

/** "Mar 3, 2026, 4:05 PM" in the reader's locale. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** "Just now", "5 minutes ago", "yesterday", "3 days ago"; a date after a month. */
export function formatRelative(iso: string): string {
  const elapsed = Date.now() - new Date(iso).getTime();
  if (elapsed < 60_000) return "Just now";
  if (elapsed > 30 * DAY) return formatDate(iso);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (elapsed < 3_600_000) return rtf.format(-Math.floor(elapsed / 60_000), "minute");
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / 3_600_000), "hour");
  return rtf.format(-Math.floor(elapsed / DAY), "day");
}
