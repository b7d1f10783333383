"use client";
import { CircleCheck, CircleX, Database, HardDrive, RefreshCw, Server, Cpu } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { DatabaseStatus, DiskStatus, RunnerStatus, SystemInfo } from "@/lib/shared/admin-system";
import { cn } from "@/lib/utils/cn";
import { formatBytes, formatUptime } from "./format";
import { useSystemInfo } from "./use-system-info";

/** Cards for the database, the app, the disk and every runner, with a button to check again. */
export function SystemStatus() {
  const { info, error, checking, check } = useSystemInfo();
  return (
    <section aria-labelledby="status-heading" aria-busy={checking} className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h2 id="status-heading" className="text-lg font-semibold">
            Status
          </h2>
          <p className="text-sm text-muted-foreground" role="status">
            {checking ? (
              "Checking…"
            ) : info ? (
              <>
                Last checked: <LocalTime iso={info.checkedAt} relative />
              </>
            ) : null}
          </p>
        </div>
        <Button variant="outline" size="sm" onClick={check} disabled={checking}>
          <RefreshCw aria-hidden className={cn(checking && "animate-spin")} />
          Check again
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          Could not check the server: {error}
        </p>
      ) : null}
      {info ? (
        <div className="grid gap-4 md:grid-cols-3">
          <DatabaseCard database={info.database} />
          <AppCard app={info.app} />
          <DiskCard disk={info.disk} />
          <RunnersCard runners={info.runners} />
        </div>
      ) : error ? null : (
        <StatusSkeleton />
      )}
    </section>
  );
}

function StatusCard({
  icon: Icon,
  title,
  badge,
  className,
  children,
}: {
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  title: string;
  badge?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("grid content-start gap-3 rounded-xl border bg-card p-4 shadow-xs", className)}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="flex items-center gap-2 text-sm font-semibold">
          <Icon aria-hidden className="size-4 text-muted-foreground" />
          {title}
        </h3>
        {badge}
      </div>
      {children}
    </div>
  );
}

/** Reachable or not, in words and colour (never colour alone). */
function Reachability({ reachable, label }: { reachable: boolean; label?: string }) {
  const Icon = reachable ? CircleCheck : CircleX;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 text-xs font-medium",
        reachable ? "text-emerald-700 dark:text-emerald-400" : "text-destructive",
      )}
    >
      <Icon aria-hidden className="size-3.5" />
      {label ?? (reachable ? "Reachable" : "Unreachable")}
    </span>
  );
}

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="min-w-0 truncate text-right tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function DatabaseCard({ database }: { database: DatabaseStatus }) {
  return (
    <StatusCard icon={Database} title="Database" badge={<Reachability reachable={database.reachable} />}>
      {database.reachable ? (
        <Facts
          rows={[
            ["PostgreSQL", database.version ?? "—"],
            ["Size", database.sizeBytes !== null ? formatBytes(database.sizeBytes) : "—"],
            ["Round trip", `${database.latencyMs} ms`],
          ]}
        />
      ) : (
        <p className="text-sm text-destructive">{database.error}</p>
      )}
    </StatusCard>
  );
}

function AppCard({ app }: { app: SystemInfo["app"] }) {
  return (
    <StatusCard icon={Server} title="Hearth">
      <Facts
        rows={[
          ["Version", app.version],
          ["Up for", formatUptime(app.uptimeSeconds)],
          ["Started", <LocalTime key="started" iso={app.startedAt} relative />],
          ["Node.js", app.node],
        ]}
      />
    </StatusCard>
  );
}

function DiskCard({ disk }: { disk: DiskStatus }) {
  const { totalBytes, freeBytes, uploadsBytes } = disk;
  const known = totalBytes !== null && freeBytes !== null && totalBytes > 0;
  const used = known ? totalBytes - freeBytes : 0;
  const share = (n: number) => (known ? `${Math.min(100, (n / totalBytes) * 100)}%` : "0%");
  return (
    <StatusCard icon={HardDrive} title="Disk">
      {known ? (
        <div className="grid gap-2">
          <div
            role="img"
            aria-label={`${formatBytes(used)} of ${formatBytes(totalBytes)} used, ${formatBytes(uploadsBytes)} of it by uploads; ${formatBytes(freeBytes)} free`}
            className="flex h-2.5 overflow-hidden rounded-full bg-muted"
          >
            <div className="bg-brand" style={{ width: share(uploadsBytes) }} />
            <div className="bg-foreground/40" style={{ width: share(Math.max(0, used - uploadsBytes)) }} />
          </div>
          <p className="text-xs text-muted-foreground">
            {formatBytes(freeBytes)} free of {formatBytes(totalBytes)}
          </p>
        </div>
      ) : null}
      <Facts
        rows={[
          [
            "Uploads",
            <span key="uploads" className="inline-flex items-center gap-1.5">
              <span aria-hidden className="size-2 rounded-full bg-brand" />
              {formatBytes(uploadsBytes)} · {disk.uploadsFiles} {disk.uploadsFiles === 1 ? "file" : "files"}
            </span>,
          ],
          ...(known
            ? ([
                [
                  "Other data",
                  <span key="other" className="inline-flex items-center gap-1.5">
                    <span aria-hidden className="size-2 rounded-full bg-foreground/40" />
                    {formatBytes(Math.max(0, used - uploadsBytes))}
                  </span>,
                ],
              ] as [string, React.ReactNode][])
            : [["Free space", "unknown"] as [string, React.ReactNode]]),
        ]}
      />
    </StatusCard>
  );
}

function RunnersCard({ runners }: { runners: RunnerStatus[] }) {
  const up = runners.filter((r) => r.reachable).length;
  return (
    <StatusCard
      icon={Cpu}
      title="Runners"
      className="md:col-span-3"
      badge={
        <span className="text-xs text-muted-foreground">
          {up} of {runners.length} reachable
        </span>
      }
    >
      {runners.length === 0 ? (
        <p className="text-sm text-muted-foreground">No runners are configured.</p>
      ) : (
        <ul className="grid divide-y">
          {runners.map((r) => (
            <li
              key={r.id}
              className="grid gap-1 py-2.5 first:pt-0 last:pb-0 sm:grid-cols-[1fr_auto] sm:items-center sm:gap-4"
            >
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-medium">{r.name}</span>
                  <Badge variant="secondary">{r.kind === "ollama" ? "Ollama" : "OpenAI-compatible"}</Badge>
                </div>
                <p className="truncate font-mono text-xs text-muted-foreground">{r.baseUrl}</p>
              </div>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs sm:justify-end">
                {!r.enabled ? (
                  <span className="text-muted-foreground">Disabled</span>
                ) : (
                  <>
                    <Reachability reachable={r.reachable} />
                    {r.reachable ? (
                      <>
                        {r.version ? <span className="text-muted-foreground">v{r.version}</span> : null}
                        {r.models !== null ? (
                          <span className="text-muted-foreground">
                            {r.models} {r.models === 1 ? "model" : "models"}
                          </span>
                        ) : null}
                        <span className="text-muted-foreground tabular-nums">{r.latencyMs} ms</span>
                      </>
                    ) : (
                      <span className="text-destructive">{r.error}</span>
                    )}
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </StatusCard>
  );
}

function StatusSkeleton() {
  return (
    <div aria-hidden className="grid gap-4 md:grid-cols-3">
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-36 animate-pulse rounded-xl border bg-muted/40" />
      ))}
      <div className="h-24 animate-pulse rounded-xl border bg-muted/40 md:col-span-3" />
    </div>
  );
}
