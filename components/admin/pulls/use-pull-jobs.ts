"use client";
import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "@/lib/client/api";
import { listPulls } from "@/lib/client/admin-pulls";
import type { PullJobView } from "@/lib/shared/admin-pulls";

/** Another admin's new pull shows up within this long without a reload. */
const REFRESH_MS = 10_000;
/** How often the list is read while some running pulls have no stream of their own. */
const FAST_REFRESH_MS = 2000;

/** Running first, then newest first, as the server lists them. */
function ordered(jobs: PullJobView[]): PullJobView[] {
  return [...jobs].sort(
    (a, b) =>
      Number(b.status === "running") - Number(a.status === "running") ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

/**
 * Which of two copies of a job to show: a finished one wins (a job never runs
 * again), else the one further along, so a list read a second old never
 * moves a live bar backwards.
 */
function fresher(current: PullJobView, incoming: PullJobView): PullJobView {
  if (current.status !== "running") return current;
  if (incoming.status !== "running") return incoming;
  return incoming.completedBytes >= current.completedBytes ? incoming : current;
}

/**
 * The pulls the panel shows: loaded from the server, refreshed now and then
 * (pulls other admins start), and updated by each job's live stream.
 */
export function usePullJobs(maxStreams: number) {
  const [jobs, setJobs] = useState<PullJobView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  /** The server's list (`replace`: what it no longer lists goes), or changes to some jobs. */
  const merge = useCallback((incoming: PullJobView[], replace = false) => {
    setJobs((current) => {
      const known = new Map((current ?? []).map((job) => [job.id, job]));
      const byId = replace ? new Map<string, PullJobView>() : new Map(known);
      for (const job of incoming) {
        const had = known.get(job.id);
        byId.set(job.id, had ? fresher(had, job) : job);
      }
      return ordered([...byId.values()]);
    });
  }, []);

  /** Reads the list again; a failure shows only while there is no list yet. */
  const reload = useCallback(
    (signal?: AbortSignal) =>
      listPulls(signal).then(
        (list) => {
          merge(list, true);
          setLoadError(null);
        },
        (err: unknown) => {
          if (!signal?.aborted) setLoadError(errorMessage(err));
        },
      ),
    [merge],
  );

  const unstreamed = (jobs ?? []).filter((job) => job.status === "running").length > maxStreams;
  useEffect(() => {
    const controller = new AbortController();
    const timer = setInterval(
      () => {
        if (document.visibilityState === "visible") void reload(controller.signal);
      },
      unstreamed ? FAST_REFRESH_MS : REFRESH_MS,
    );
    // The first read at once; later ones on the timer.
    const first = setTimeout(() => void reload(controller.signal), 0);
    return () => {
      controller.abort();
      clearInterval(timer);
      clearTimeout(first);
    };
  }, [reload, unstreamed]);

  const update = useCallback((job: PullJobView) => merge([job]), [merge]);
  return { jobs, loadError, reload, update };
}
