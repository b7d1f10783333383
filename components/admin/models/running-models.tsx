"use client";
import { Cpu, PowerOff } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { toastError } from "@/lib/client/api";
import { formatBytes, formatExpiry, unloadModel, type ModelsOverview } from "@/lib/client/admin-models";
import { useMounted } from "@/components/hooks/use-mounted";
import { EmptyState, SectionHeader } from "./section-parts";
import type { Loadable } from "./use-models-console";

type Running = ModelsOverview["running"][number];

/** Models loaded in memory now (Ollama's /api/ps), each with Unload to free its memory at once. */
export function RunningModels({
  state,
  onChanged,
}: {
  state: Loadable<ModelsOverview>;
  onChanged: () => void;
}) {
  const running = state.data?.running ?? [];
  if (state.data === null) return null;
  return (
    <section aria-labelledby="running-heading" className="grid gap-4">
      <SectionHeader
        id="running-heading"
        title="Loaded in memory"
        description="Ollama keeps a model loaded for a while after its last use. Unload one to free its memory now; the next request loads it again."
      />
      {running.length === 0 ? (
        <EmptyState icon={<Cpu aria-hidden className="size-5" />} title="Nothing loaded">
          No model is in memory right now.
        </EmptyState>
      ) : (
        <ul className="grid divide-y rounded-xl border" aria-label="Loaded models">
          {running.map((m) => (
            <RunningRow key={`${m.runnerId}:${m.name}`} model={m} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RunningRow({ model, onChanged }: { model: Running; onChanged: () => void }) {
  const [pending, setPending] = useState(false);
  async function unload() {
    setPending(true);
    try {
      await unloadModel(model.runnerId, model.name);
      toast.success(`${model.name} unloaded from ${model.runnerName}.`);
      onChanged();
    } catch (err) {
      toastError(err, `Could not unload ${model.name}.`);
      setPending(false);
    }
  }
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-running={model.name}>
      <div className="grid min-w-0 gap-0.5">
        <span className="font-medium break-all">{model.name}</span>
        <span className="text-xs text-muted-foreground">
          {model.runnerName} · {formatBytes(model.size)} in memory
          {model.size > 0 ? `, ${Math.round((model.sizeVram / model.size) * 100)}% on the GPU` : ""} ·{" "}
          <Expires iso={model.expiresAt} />
        </span>
      </div>
      <Button
        variant="outline"
        size="sm"
        onClick={() => void unload()}
        disabled={pending}
        aria-busy={pending || undefined}
      >
        {pending ? <Spinner /> : <PowerOff aria-hidden />}
        Unload
      </Button>
    </li>
  );
}

function Expires({ iso }: { iso: string }) {
  // The reader's clock, so only in the browser.
  const mounted = useMounted();
  if (!iso || !mounted) return null;
  return <>{formatExpiry(iso)}</>;
}
