import type { UsageTotals } from "@/lib/client/admin-usage";
import { formatCount, formatMs } from "./usage-format";

/** The range's totals, one card each. */
export function UsageSummary({ totals }: { totals: UsageTotals }) {
  const errorShare = totals.requests ? ` (${((100 * totals.errors) / totals.requests).toFixed(1)}%)` : "";
  const cards = [
    { label: "Requests", value: formatCount(totals.requests) },
    { label: "Tokens in", value: formatCount(totals.promptTokens) },
    { label: "Tokens out", value: formatCount(totals.completionTokens) },
    { label: "Errors", value: `${formatCount(totals.errors)}${errorShare}` },
    { label: "Median time to first token", value: formatMs(totals.medianTtftMs) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {cards.map((c) => (
        <div key={c.label} className="rounded-xl border bg-card p-4 last:col-span-2 sm:last:col-span-1">
          <dt className="text-xs font-medium text-muted-foreground">{c.label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{c.value}</dd>
        </div>
      ))}
    </dl>
  );
}
