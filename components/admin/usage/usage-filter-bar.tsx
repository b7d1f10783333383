"use client";
import { DownloadIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { usageExportUrl, type UsageFilter } from "@/lib/client/admin-usage";
import type { UsageRange, UsageSource } from "@/lib/shared/admin-usage";
import { cn } from "@/lib/utils/cn";

const RANGES: { value: UsageRange; label: string }[] = [
  { value: "today", label: "Today" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "custom", label: "Custom" },
];

/** Range (preset or two dates), source, and the CSV download of what is shown. */
export function UsageFilterBar({
  filter,
  onChange,
  loading,
}: {
  filter: UsageFilter;
  onChange: (filter: UsageFilter) => void;
  loading: boolean;
}) {
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(filter.from ?? today);
  const [to, setTo] = useState(filter.to ?? today);
  const [customOpen, setCustomOpen] = useState(filter.range === "custom");
  const invalid =
    !from || !to ? "Choose both dates." : from > to ? "The start must be on or before the end." : null;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div role="group" aria-label="Range" className="flex rounded-lg border p-0.5">
          {RANGES.map((r) => {
            const active = r.value === "custom" ? customOpen : !customOpen && filter.range === r.value;
            return (
              <button
                key={r.value}
                type="button"
                aria-pressed={active}
                onClick={() => {
                  if (r.value === "custom") return setCustomOpen(true);
                  setCustomOpen(false);
                  onChange({ ...filter, range: r.value, from: undefined, to: undefined });
                }}
                className={cn(
                  "h-8 rounded-md px-3 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60",
                  active
                    ? "bg-primary text-primary-foreground"
                    : "text-muted-foreground hover:bg-accent hover:text-foreground",
                )}
              >
                {r.label}
              </button>
            );
          })}
        </div>
        <div className="flex items-center gap-2">
          <Label htmlFor="usage-source" className="sr-only">
            Source
          </Label>
          <Select
            value={filter.source ?? "all"}
            onValueChange={(v) => onChange({ ...filter, source: v === "all" ? null : (v as UsageSource) })}
          >
            <SelectTrigger id="usage-source" className="h-9 w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">All sources</SelectItem>
              <SelectItem value="chat">Chat only</SelectItem>
              <SelectItem value="api">API only</SelectItem>
              <SelectItem value="embed">Embeds only</SelectItem>
            </SelectContent>
          </Select>
        </div>
        {loading && (
          <span className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
            <Spinner /> Loading…
          </span>
        )}
        <Button asChild variant="outline" size="sm" className="ml-auto h-9">
          <a href={usageExportUrl(filter)} download>
            <DownloadIcon aria-hidden />
            Export CSV
          </a>
        </Button>
      </div>
      {customOpen && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) onChange({ ...filter, range: "custom", from, to });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="usage-from">From</Label>
            <Input
              id="usage-from"
              type="date"
              className="h-9 w-40 dark:[color-scheme:dark]"
              value={from}
              max={to || undefined}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="usage-to">To</Label>
            <Input
              id="usage-to"
              type="date"
              className="h-9 w-40 dark:[color-scheme:dark]"
              value={to}
              min={from || undefined}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <Button type="submit" size="sm" className="h-9" disabled={Boolean(invalid)}>
            Show
          </Button>
          {invalid && from && to && <p className="w-full text-sm text-destructive">{invalid}</p>}
        </form>
      )}
    </div>
  );
}
