"use client";
import { useMounted } from "@/components/hooks/use-mounted";

const DAY = 86_400_000;

/** "Mar 3, 2026" in the reader's locale. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(iso));
}

function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** "Just now", "5 minutes ago", "yesterday", "3 days ago"; a date after a month. */
function formatRelative(iso: string): string {
  const elapsed = Date.now() - new Date(iso).getTime();
  if (elapsed < 60_000) return "Just now";
  if (elapsed > 30 * DAY) return formatDate(iso);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (elapsed < 3_600_000) return rtf.format(-Math.floor(elapsed / 60_000), "minute");
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / 3_600_000), "hour");
  return rtf.format(-Math.floor(elapsed / DAY), "day");
}

/**
 * A moment in the reader's locale and time zone. Those are only known in the
 * browser, so the server renders a blank of the same height: no hydration mismatch.
 */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const mounted = useMounted();
  if (!mounted) return <span aria-hidden className="inline-block w-16" />;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative ? formatRelative(iso) : formatDate(iso)}
    </time>
  );
}
