"use client";
import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "@/lib/client/api";
import {
  listRunners,
  loadModelsOverview,
  type ModelsOverview,
  type RunnerView,
} from "@/lib/client/admin-models";

export interface Loadable<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/**
 * The data of /admin/models: the runners (listed at once, then probed for
 * their status) and every runner's models. `reload` after any change.
 */
export function useModelsConsole() {
  const [runners, setRunners] = useState<Loadable<RunnerView[]>>({ data: null, error: null, loading: true });
  const [overview, setOverview] = useState<Loadable<ModelsOverview>>({
    data: null,
    error: null,
    loading: true,
  });

  const reloadRunners = useCallback(async () => {
    setRunners((r) => ({ ...r, loading: true }));
    try {
      // The list first, so the page is not blank while slow runners are probed.
      const quick = await listRunners(false);
      setRunners((r) => ({ data: r.data ? merge(quick, r.data) : quick, error: null, loading: true }));
      setRunners({ data: await listRunners(true), error: null, loading: false });
    } catch (err) {
      setRunners((r) => ({ ...r, error: errorMessage(err), loading: false }));
    }
  }, []);

  const reloadModels = useCallback(async () => {
    setOverview((o) => ({ ...o, loading: true }));
    try {
      setOverview({ data: await loadModelsOverview(), error: null, loading: false });
    } catch (err) {
      setOverview((o) => ({ ...o, error: errorMessage(err), loading: false }));
    }
  }, []);

  const reload = useCallback(async () => {
    await Promise.all([reloadRunners(), reloadModels()]);
  }, [reloadRunners, reloadModels]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { runners, overview, reload, reloadModels, reloadRunners };
}

/** The fresh list, keeping each runner's last known status until the new probe answers. */
function merge(fresh: RunnerView[], previous: RunnerView[]): RunnerView[] {
  return fresh.map((r) => ({ ...r, status: previous.find((p) => p.id === r.id)?.status }));
}
