"use client";
import { useMounted } from "@/components/hooks/use-mounted";
import { formatDate, formatDateTime, formatRelative } from "@/lib/client/format-date";

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
