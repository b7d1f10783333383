"use client";
import { useEffect, useEffectEvent, useState } from "react";
import { pullEventsUrl } from "@/lib/client/admin-pulls";
import type { PullJobView } from "@/lib/shared/admin-pulls";

/** The download speed is averaged over this long, so it does not jump with each update. */
const SPEED_WINDOW_MS = 8000;

interface Sample {
  at: number;
  bytes: number;
}

/**
 * Follows a running pull over SSE: every change goes to `onUpdate`, the final
 * state too. Also works out the download speed from the bytes over time. The
 * browser reconnects by itself, and the server then sends the current state;
 * when the stream is refused (job gone, session over) `onLost` re-reads the list.
 */
export function usePullStream(
  job: PullJobView,
  enabled: boolean,
  handlers: { onUpdate: (job: PullJobView) => void; onLost: () => void },
): { bytesPerSecond: number | null; reconnecting: boolean } {
  const running = enabled && job.status === "running";
  const [bytesPerSecond, setBytesPerSecond] = useState<number | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const update = useEffectEvent(handlers.onUpdate);
  const lost = useEffectEvent(handlers.onLost);

  useEffect(() => {
    if (!running) return;
    let samples: Sample[] = [];
    let retry: ReturnType<typeof setTimeout> | undefined;
    const source = new EventSource(pullEventsUrl(job.id));

    const receive = (event: MessageEvent<string>) => {
      const next = JSON.parse(event.data) as PullJobView;
      const now = Date.now();
      samples = [
        ...samples.filter((s) => now - s.at <= SPEED_WINDOW_MS),
        { at: now, bytes: next.completedBytes },
      ];
      const first = samples[0]!;
      const seconds = (now - first.at) / 1000;
      if (seconds >= 1) setBytesPerSecond(Math.max(0, (next.completedBytes - first.bytes) / seconds));
      update(next);
    };
    source.addEventListener("open", () => setReconnecting(false));
    source.addEventListener("progress", receive);
    source.addEventListener("done", (event) => {
      source.close();
      receive(event);
    });
    source.addEventListener("error", () => {
      setReconnecting(true);
      // CONNECTING: the browser tries again by itself. CLOSED: the server refused; ask the list.
      if (source.readyState === EventSource.CLOSED) retry = setTimeout(lost, 1000);
    });
    return () => {
      source.close();
      clearTimeout(retry);
    };
  }, [job.id, running]);

  return { bytesPerSecond: running ? bytesPerSecond : null, reconnecting: running && reconnecting };
}
