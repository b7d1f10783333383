"use client";
import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "@/lib/client/api";
import type { Prompt } from "@/lib/client/api-types";

export type PromptsState =
  | { status: "loading"; prompts: Prompt[] }
  | { status: "ready"; prompts: Prompt[] }
  | { status: "error"; prompts: Prompt[]; message: string };

type Loaded = { ok: true; prompts: Prompt[] } | { ok: false; message: string };

async function fetchPrompts(): Promise<Loaded> {
  try {
    return { ok: true, prompts: (await api<{ data: Prompt[] }>("/api/prompts")).data };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

function settle(current: PromptsState, loaded: Loaded): PromptsState {
  return loaded.ok
    ? { status: "ready", prompts: loaded.prompts }
    : { status: "error", prompts: current.prompts, message: loaded.message };
}

/**
 * The signed-in person's prompt library. Starts from `initial` when the server
 * already has it, else loads it; `reload` fetches again, `setPrompts` keeps it after local changes.
 */
export function usePrompts(initial?: Prompt[]) {
  const [state, setState] = useState<PromptsState>(
    initial ? { status: "ready", prompts: initial } : { status: "loading", prompts: [] },
  );
  const [startedWithData] = useState(initial !== undefined);

  useEffect(() => {
    if (startedWithData) return;
    let live = true;
    void fetchPrompts().then((loaded) => {
      if (live) setState((current) => settle(current, loaded));
    });
    return () => {
      live = false;
    };
  }, [startedWithData]);

  const reload = useCallback(async () => {
    setState((current) => ({ status: "loading", prompts: current.prompts }));
    const loaded = await fetchPrompts();
    setState((current) => settle(current, loaded));
  }, []);

  const setPrompts = useCallback((change: (prompts: Prompt[]) => Prompt[]) => {
    setState((current) => ({ ...current, prompts: sortPrompts(change(current.prompts)) }));
  }, []);

  return { ...state, reload, setPrompts };
}

/** By name, as the server lists them. */
function sortPrompts(prompts: Prompt[]): Prompt[] {
  return [...prompts].sort((a, b) => a.name.localeCompare(b.name));
}
