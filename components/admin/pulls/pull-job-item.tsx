"use client";
import { CircleAlert, CircleCheck, RotateCw, X } from "lucide-react";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { toastError } from "@/lib/client/api";
import { cancelPull, retryPull } from "@/lib/client/admin-pulls";
import { RETRYABLE_STATUSES, type PullJobView, type PullStatus } from "@/lib/shared/admin-pulls";
import { cn } from "@/lib/utils/cn";
import { formatBytes, formatPercent, formatTimeLeft } from "./format-progress";
import { PullProgressBar } from "./pull-progress-bar";
import { usePullStream } from "./use-pull-stream";

const STATUS_LABEL: Record<PullStatus, string> = {
  running: "Downloading",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  interrupted: "Interrupted",
};

/** What the line under the bar says once a pull has stopped. */
function stoppedNote(job: PullJobView): string | null {
  if (job.status === "cancelled") return "Cancelled. Retry picks up the download where it stopped.";
  if (job.status === "interrupted")
    return "Hearth stopped during this pull. Retry picks up the download where it stopped.";
  return null;
}

/**
 * One pull: its progress across all layers (bytes, percent, speed, time left
 * and Ollama's status line) while it runs, live; how it ended afterwards, with
 * Cancel or Retry.
 */
export function PullJobItem({
  job,
  live,
  showRunner,
  onChange,
  onLost,
  onCompleted,
}: {
  job: PullJobView;
  /** Follow it over its own stream (else the list's refreshes update it). */
  live: boolean;
  showRunner: boolean;
  onChange: (job: PullJobView) => void;
  onLost: () => void;
  onCompleted: (job: PullJobView) => void;
}) {
  const { bytesPerSecond, reconnecting } = usePullStream(job, live, { onUpdate: onChange, onLost });
  // Seen running, now completed (from its stream or the list): the installed models changed.
  const seenRunning = useRef(job.status === "running");
  const completed = useEffectEvent(() => onCompleted(job));
  useEffect(() => {
    if (job.status === "running") seenRunning.current = true;
    else if (job.status === "completed" && seenRunning.current) {
      seenRunning.current = false;
      completed();
    }
  }, [job.status]);
  const [busy, setBusy] = useState(false);
  const running = job.status === "running";
  const stopping = running && job.cancelRequested;
  const titleId = `pull-${job.id}-title`;

  async function act(action: "cancel" | "retry") {
    setBusy(true);
    try {
      if (action === "cancel") onChange(await cancelPull(job.id));
      else {
        onChange(await retryPull(job.id));
        toast.success(`Pulling ${job.model} again.`);
      }
    } catch (err) {
      toastError(err, action === "cancel" ? "Could not cancel the pull." : "Could not retry the pull.");
    } finally {
      setBusy(false);
    }
  }

  const done = job.status === "completed";
  // A pull that stopped before Ollama said how big the model is has no bar worth drawing.
  const hasProgress = running || job.totalBytes > 0;
  const bytes =
    job.totalBytes > 0
      ? done
        ? formatBytes(job.totalBytes)
        : `${formatBytes(job.completedBytes)} of ${formatBytes(job.totalBytes)}`
      : running
        ? "Starting…"
        : "";
  const secondsLeft =
    running && bytesPerSecond && bytesPerSecond > 0 && job.totalBytes > 0
      ? (job.totalBytes - job.completedBytes) / bytesPerSecond
      : null;
  const details = [
    bytes,
    formatPercent(job.percent),
    running && bytesPerSecond !== null ? `${formatBytes(bytesPerSecond)}/s` : "",
    secondsLeft !== null && secondsLeft > 0 ? `${formatTimeLeft(secondsLeft)} left` : "",
  ].filter(Boolean);
  const note = stoppedNote(job);
  const tone = running ? "running" : done ? "completed" : job.status === "failed" ? "failed" : "stopped";

  return (
    <li className="grid gap-3 px-4 py-4 sm:px-5" aria-busy={running || undefined}>
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="grid min-w-0 gap-1">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <h3 id={titleId} className="truncate font-mono text-sm font-medium">
              {job.model}
            </h3>
            <StatusBadge status={job.status} stopping={stopping} />
            {showRunner ? <Badge variant="outline">{job.runnerName}</Badge> : null}
          </div>
          <p className="text-xs text-muted-foreground">
            {job.startedBy ? `Started by ${job.startedBy} · ` : "Started "}
            <LocalTime iso={job.createdAt} relative />
          </p>
        </div>
        {running ? (
          <Button
            variant="outline"
            size="sm"
            disabled={busy || stopping}
            onClick={() => void act("cancel")}
            aria-label={`Cancel the pull of ${job.model}`}
          >
            <X aria-hidden />
            {stopping ? "Cancelling…" : "Cancel"}
          </Button>
        ) : RETRYABLE_STATUSES.includes(job.status) ? (
          <Button
            variant="outline"
            size="sm"
            disabled={busy}
            onClick={() => void act("retry")}
            aria-label={`Retry the pull of ${job.model}`}
          >
            <RotateCw aria-hidden />
            Retry
          </Button>
        ) : null}
      </div>

      {hasProgress ? (
        <div className="grid gap-2">
          <PullProgressBar
            percent={job.percent}
            labelledBy={titleId}
            valueText={[formatPercent(job.percent), bytes, STATUS_LABEL[job.status]]
              .filter(Boolean)
              .join(", ")}
            tone={tone}
          />
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-xs">
            <p className="text-muted-foreground tabular-nums">{details.join(" · ")}</p>
            {running && job.statusLine ? (
              <p className="truncate font-mono text-muted-foreground" title="Ollama's current step">
                {reconnecting ? "Reconnecting…" : job.statusLine}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}

      {job.status === "failed" && job.error ? (
        <p className="flex gap-2 rounded-lg bg-destructive/10 px-3 py-2 text-sm break-words text-destructive">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span className="min-w-0">{job.error}</span>
        </p>
      ) : null}
      {note ? <p className="text-sm text-muted-foreground">{note}</p> : null}
    </li>
  );
}

function StatusBadge({ status, stopping }: { status: PullStatus; stopping: boolean }) {
  return (
    <Badge
      variant={status === "running" ? "brand" : status === "completed" ? "secondary" : "outline"}
      className={cn(status === "failed" && "border-destructive/40 text-destructive")}
    >
      {status === "completed" ? <CircleCheck aria-hidden className="size-3" /> : null}
      {stopping ? "Cancelling" : STATUS_LABEL[status]}
    </Badge>
  );
}
