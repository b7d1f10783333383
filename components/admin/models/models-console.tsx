"use client";
import { PullPanel } from "@/components/admin/models/pull-panel";
import { InstalledModels } from "./installed-models";
import { RunnersSection } from "./runners-section";
import { RunningModels } from "./running-models";
import { useModelsConsole } from "./use-models-console";

/** /admin/models: the runners, pulls, installed models and what is loaded in memory. */
export function ModelsConsole() {
  const { runners, overview, reload, reloadModels } = useModelsConsole();
  const ollamaRunners = (runners.data ?? [])
    .filter((r) => r.kind === "ollama" && r.enabled)
    .map((r) => ({ id: r.id, name: r.name }));
  return (
    <div className="@container grid gap-12">
      <RunnersSection state={runners} onChanged={reload} />
      <PullPanel runners={ollamaRunners} onCompleted={() => reloadModels()} />
      <InstalledModels state={overview} onChanged={reloadModels} />
      <RunningModels state={overview} onChanged={reloadModels} />
    </div>
  );
}
