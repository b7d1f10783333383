"use client";
import { Pencil, Plus, RotateCcw, Server, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { errorMessage, toastError } from "@/lib/client/api";
import { deleteRunner, updateRunner, type RunnerView } from "@/lib/client/admin-models";
import { cn } from "@/lib/utils/cn";
import { RunnerDialog } from "./runner-dialog";
import { SectionHeader, SectionError } from "./section-parts";
import type { Loadable } from "./use-models-console";

/** The model servers Hearth sends requests to, each with its status, switch, edit and delete. */
export function RunnersSection({
  state,
  onChanged,
}: {
  state: Loadable<RunnerView[]>;
  onChanged: () => Promise<void>;
}) {
  const [editing, setEditing] = useState<RunnerView | "new" | null>(null);
  const [deleting, setDeleting] = useState<RunnerView | null>(null);
  const runners = state.data ?? [];

  return (
    <section aria-labelledby="runners-heading" className="grid gap-4">
      <SectionHeader
        id="runners-heading"
        title="Runners"
        description="The servers that run models: Ollama, and OpenAI-compatible servers such as vLLM, llama.cpp, LM Studio, OpenRouter or OpenAI. A model installed on several Ollama runners is served by the least busy one."
      >
        <Button
          variant="outline"
          onClick={() => void onChanged()}
          disabled={state.loading}
          aria-busy={state.loading || undefined}
        >
          {state.loading ? <Spinner /> : <RotateCcw aria-hidden />}
          Refresh
        </Button>
        <Button onClick={() => setEditing("new")}>
          <Plus aria-hidden />
          Add runner
        </Button>
      </SectionHeader>

      {state.error ? (
        <SectionError
          message={`Could not load the runners. ${state.error}`}
          onRetry={() => void onChanged()}
        />
      ) : null}
      {state.data === null && !state.error ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
          <Spinner /> Loading runners…
        </p>
      ) : null}

      {runners.length > 0 ? (
        <ul className="grid divide-y rounded-xl border" aria-label="Runners">
          {runners.map((runner) => (
            <RunnerRow
              key={runner.id}
              runner={runner}
              onEdit={() => setEditing(runner)}
              onDelete={() => setDeleting(runner)}
              onChanged={onChanged}
            />
          ))}
        </ul>
      ) : null}

      <RunnerDialog
        runner={editing === "new" ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        onSaved={() => void onChanged()}
      />
      <ConfirmDialog
        item={deleting}
        title="Delete this runner?"
        confirmLabel="Delete runner"
        description={(r) =>
          `${r.name} (${r.baseUrl}) is removed from Hearth. Its models leave every picker; nothing is deleted on the server itself.`
        }
        onClose={() => setDeleting(null)}
        onConfirm={async (r) => {
          try {
            await deleteRunner(r.id);
            toast.success(`${r.name} deleted.`);
            void onChanged();
          } catch (err) {
            return errorMessage(err);
          }
        }}
      />
    </section>
  );
}

function RunnerRow({
  runner,
  onEdit,
  onDelete,
  onChanged,
}: {
  runner: RunnerView;
  onEdit: () => void;
  onDelete: () => void;
  onChanged: () => Promise<void>;
}) {
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  async function toggle(next: boolean) {
    setOptimistic(next);
    try {
      await updateRunner(runner.id, { enabled: next });
      toast.success(`${runner.name} ${next ? "enabled" : "disabled"}.`);
      await onChanged();
    } catch (err) {
      toastError(err, `Could not ${next ? "enable" : "disable"} ${runner.name}.`);
    } finally {
      setOptimistic(null);
    }
  }

  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3" data-runner={runner.name}>
      <div className="flex min-w-0 flex-1 basis-64 items-start gap-3">
        <Server aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <div className="grid min-w-0 gap-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium break-all">{runner.name}</span>
            <Badge variant="outline">{runner.kind === "ollama" ? "Ollama" : "OpenAI-compatible"}</Badge>
            {runner.isDefault ? <Badge variant="secondary">OLLAMA_BASE_URL</Badge> : null}
            {runner.hasApiKey ? <Badge variant="secondary">API key saved</Badge> : null}
          </div>
          <code className="truncate font-mono text-xs text-muted-foreground" title={runner.baseUrl}>
            {runner.baseUrl}
          </code>
          <RunnerStatusLine runner={runner} />
        </div>
      </div>
      <div className="flex items-center gap-1">
        <Switch
          checked={optimistic ?? runner.enabled}
          disabled={optimistic !== null}
          onCheckedChange={(next) => void toggle(next)}
          aria-label={`Use ${runner.name}`}
          className="mr-2"
        />
        <Button variant="ghost" size="icon" onClick={onEdit} aria-label={`Edit ${runner.name}`}>
          <Pencil aria-hidden />
        </Button>
        {runner.isDefault ? null : (
          <Button variant="ghost" size="icon" onClick={onDelete} aria-label={`Delete ${runner.name}`}>
            <Trash2 aria-hidden />
          </Button>
        )}
      </div>
    </li>
  );
}

function RunnerStatusLine({ runner }: { runner: RunnerView }) {
  const status = runner.status;
  let tone = "bg-muted-foreground/40";
  let text: string;
  if (!runner.enabled) text = "Disabled: its models are not offered to anyone.";
  else if (!status) text = "Checking…";
  else if (status.reachable) {
    tone = "bg-emerald-500";
    text = [
      status.version ? `Reachable · version ${status.version}` : "Reachable",
      `${status.latencyMs} ms`,
    ].join(" · ");
  } else {
    tone = "bg-destructive";
    text = `Unreachable: ${status.error ?? "no answer"}`;
  }
  return (
    <p className="flex items-center gap-2 text-xs text-muted-foreground">
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", tone)} />
      <span className={cn(status && !status.reachable && runner.enabled && "text-destructive")}>{text}</span>
    </p>
  );
}
