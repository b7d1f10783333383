import { SETTING_LABELS } from "@/lib/shared/admin-system";
import type { AuditEntryView } from "@/lib/shared/admin-audit";

/**
 * What an audit row recorded, readable: who and what exactly (ids, address),
 * the values before and after side by side, then anything else it kept.
 */
export function AuditDetails({ entry }: { entry: AuditEntryView }) {
  const details = entry.details ?? {};
  const before = asRecord(details.before);
  const after = asRecord(details.after);
  const rest = Object.entries(details).filter(
    ([k]) => !(before && after && (k === "before" || k === "after")),
  );
  const target = entry.target;
  const facts: [string, string | null | undefined][] = [
    ["Actor id", entry.actor?.id],
    [
      "Target",
      target
        ? [target.label, `(${[target.type, target.id].filter(Boolean).join(" ")})`].filter(Boolean).join(" ")
        : null,
    ],
    ["IP address", entry.ip],
  ];
  return (
    <div className="grid gap-4 text-sm">
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        {facts
          .filter(([, v]) => v)
          .map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-muted-foreground">{term}</dt>
              <dd className="min-w-0 font-mono text-xs break-all sm:text-[13px]">{value}</dd>
            </div>
          ))}
      </dl>
      {before && after ? <Diff before={before} after={after} /> : null}
      {rest.length ? (
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          {rest.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-muted-foreground">{labelOf(key)}</dt>
              <dd className="min-w-0 break-words whitespace-pre-wrap">{show(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {!before && !rest.length ? (
        <p className="text-muted-foreground">No further details were recorded.</p>
      ) : null}
    </div>
  );
}

function Diff({ before, after }: { before: Record<string, unknown>; after: Record<string, unknown> }) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full table-fixed text-left text-sm">
        <colgroup>
          <col className="w-[28%]" />
          <col className="w-[36%]" />
          <col className="w-[36%]" />
        </colgroup>
        <thead className="bg-muted/50 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Field
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Before
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {keys.map((key) => (
            <tr key={key} className="align-top">
              <th scope="row" className="px-3 py-2 font-medium break-words">
                {labelOf(key)}
              </th>
              <td className="px-3 py-2">
                <Value value={before[key]} className="bg-destructive/10 text-foreground" />
              </td>
              <td className="px-3 py-2">
                <Value value={after[key]} className="bg-emerald-500/15 text-foreground" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Value({ value, className }: { value: unknown; className: string }) {
  const text = show(value);
  return (
    <span
      className={`inline-block max-h-48 max-w-full overflow-y-auto rounded px-1.5 py-0.5 break-words whitespace-pre-wrap ${text === "(empty)" || text === "—" ? "italic" : ""} ${className}`}
    >
      {text}
    </span>
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (value === "") return "(empty)";
  if (typeof value === "boolean") return value ? "On" : "Off";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return JSON.stringify(value, null, 2);
}

function labelOf(key: string): string {
  if (key in SETTING_LABELS) return SETTING_LABELS[key as keyof typeof SETTING_LABELS];
  const words = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_.]/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
