"use client";
import { Boxes, Info, MoreHorizontal, Pencil, Star, StarOff, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Label } from "@/components/ui/label";
import { LocalTime } from "@/components/ui/local-time";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage, toastError } from "@/lib/client/api";
import {
  deleteModel,
  formatBytes,
  updateModelSetting,
  type InstalledModelView,
  type ModelsOverview,
} from "@/lib/client/admin-models";
import { DisplayNameDialog } from "./display-name-dialog";
import { ModelDetailsDialog } from "./model-details-dialog";
import { EmptyState, SectionError, SectionHeader } from "./section-parts";
import type { Loadable } from "./use-models-console";

const ALL = "all";

/** What a row's actions need besides the model. */
interface RowActions {
  isDefault: boolean;
  defaultLocked: boolean;
  onDetails: () => void;
  onRename: () => void;
  onDelete: () => void;
  onChanged: () => Promise<void>;
}

/**
 * Every runner's installed models, filterable by runner: details, whether
 * users may pick each one, its display name, the default for new chats, delete.
 */
export function InstalledModels({
  state,
  onChanged,
}: {
  state: Loadable<ModelsOverview>;
  onChanged: () => Promise<void>;
}) {
  const [runnerFilter, setRunnerFilter] = useState(ALL);
  const [details, setDetails] = useState<InstalledModelView | null>(null);
  const [renaming, setRenaming] = useState<InstalledModelView | null>(null);
  const [deleting, setDeleting] = useState<InstalledModelView | null>(null);
  const overview = state.data;
  const models = (overview?.models ?? []).filter((m) => runnerFilter === ALL || m.runnerId === runnerFilter);
  const failing = (overview?.runners ?? []).filter(
    (r) => r.enabled && r.error && (runnerFilter === ALL || r.id === runnerFilter),
  );
  const actionsFor = (m: InstalledModelView): RowActions => ({
    isDefault: overview?.defaultModel === m.id,
    defaultLocked: overview?.defaultModelFixedBy !== null && overview?.defaultModelFixedBy !== undefined,
    onDetails: () => setDetails(m),
    onRename: () => setRenaming(m),
    onDelete: () => setDeleting(m),
    onChanged,
  });

  return (
    <section aria-labelledby="installed-heading" className="grid gap-4">
      <SectionHeader
        id="installed-heading"
        title="Installed models"
        description="Turn a model off to hide it from every user's picker and from the API. Give it a friendlier name, or make it the model new chats start with."
      >
        {overview && overview.runners.length > 1 ? (
          <div className="flex items-center gap-2">
            <Label htmlFor="runner-filter" className="text-sm text-muted-foreground">
              Runner
            </Label>
            <Select value={runnerFilter} onValueChange={setRunnerFilter}>
              <SelectTrigger id="runner-filter" className="w-44">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>All runners</SelectItem>
                {overview.runners.map((r) => (
                  <SelectItem key={r.id} value={r.id}>
                    {r.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        ) : null}
      </SectionHeader>

      {state.error ? (
        <SectionError
          message={`Could not load the models. ${state.error}`}
          onRetry={() => void onChanged()}
        />
      ) : null}
      {failing.map((r) => (
        <SectionError
          key={r.id}
          message={`${r.name} cannot be reached, so its models are not shown. ${r.error}`}
          onRetry={() => void onChanged()}
        />
      ))}
      {overview?.defaultModelFixedBy ? (
        <p className="text-sm text-muted-foreground">
          The default model is fixed by the environment variable{" "}
          <code className="font-mono text-xs">{overview.defaultModelFixedBy}</code>.
        </p>
      ) : null}

      {overview === null ? (
        state.error ? null : (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
            <Spinner /> Loading models…
          </p>
        )
      ) : models.length === 0 ? (
        <EmptyState icon={<Boxes aria-hidden className="size-5" />} title="No models here yet">
          {failing.length > 0
            ? "No reachable runner has a model to show."
            : "Pull a model onto an Ollama runner, or add an OpenAI-compatible runner, and it shows up here."}
        </EmptyState>
      ) : (
        <ModelList models={models} actionsFor={actionsFor} />
      )}

      <ModelDetailsDialog model={details} onClose={() => setDetails(null)} />
      <DisplayNameDialog
        model={renaming}
        onClose={() => setRenaming(null)}
        onSaved={() => void onChanged()}
      />
      <ConfirmDialog
        item={deleting}
        title="Delete this model?"
        confirmLabel="Delete model"
        description={(m) =>
          `${m.name} is deleted from ${m.runnerName} (${m.size !== null ? formatBytes(m.size) : "its files"} freed). Chats that used it keep their messages; pulling it again brings it back.`
        }
        onClose={() => setDeleting(null)}
        onConfirm={async (m) => {
          try {
            await deleteModel(m.runnerId, m.name);
            toast.success(`${m.name} deleted from ${m.runnerName}.`);
            void onChanged();
          } catch (err) {
            return errorMessage(err);
          }
        }}
      />
    </section>
  );
}

/** A table where there is room, cards where there is not (a container query; the hidden one is display:none). */
function ModelList({
  models,
  actionsFor,
}: {
  models: InstalledModelView[];
  actionsFor: (m: InstalledModelView) => RowActions;
}) {
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border @3xl:block">
        <Table>
          <TableHeader className="bg-muted/40">
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-4">Model</TableHead>
              <TableHead>Runner</TableHead>
              <TableHead>Parameters</TableHead>
              <TableHead className="text-right">Size</TableHead>
              <TableHead>Modified</TableHead>
              <TableHead>Users</TableHead>
              <TableHead className="w-12 pr-4">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {models.map((m) => (
              <TableRow key={`${m.runnerId}:${m.id}`} data-model={m.id}>
                <TableCell className="max-w-72 pl-4">
                  <ModelName model={m} isDefault={actionsFor(m).isDefault} />
                </TableCell>
                <TableCell className="whitespace-nowrap">{m.runnerName}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <Parameters model={m} />
                </TableCell>
                <TableCell className="text-right whitespace-nowrap text-muted-foreground tabular-nums">
                  {m.size !== null ? formatBytes(m.size) : "—"}
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  {m.modifiedAt ? <LocalTime iso={m.modifiedAt} /> : "—"}
                </TableCell>
                <TableCell>
                  <EnabledSwitch model={m} onChanged={actionsFor(m).onChanged} />
                </TableCell>
                <TableCell className="py-2 pr-3 text-right">
                  <ModelMenu model={m} actions={actionsFor(m)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ul className="grid gap-3 @3xl:hidden" aria-label="Installed models">
        {models.map((m) => (
          <li key={`${m.runnerId}:${m.id}`} className="grid gap-2 rounded-xl border p-4" data-model={m.id}>
            <div className="flex items-start justify-between gap-2">
              <ModelName model={m} isDefault={actionsFor(m).isDefault} />
              <ModelMenu model={m} actions={actionsFor(m)} />
            </div>
            <p className="text-xs text-muted-foreground">
              {m.runnerName}
              {" · "}
              <Parameters model={m} />
              {m.size !== null ? ` · ${formatBytes(m.size)}` : ""}
            </p>
            <div className="flex items-center gap-2 text-sm">
              <EnabledSwitch model={m} onChanged={actionsFor(m).onChanged} />
              <span className="text-muted-foreground">Offered to users</span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function ModelName({ model, isDefault }: { model: InstalledModelView; isDefault: boolean }) {
  return (
    <div className="grid min-w-0 gap-1">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium break-all">{model.displayName ?? model.id}</span>
        {isDefault ? (
          <Badge variant="brand">
            <Star aria-hidden className="size-3" />
            Default
          </Badge>
        ) : null}
        {model.enabled ? null : <Badge variant="outline">Hidden from users</Badge>}
      </div>
      {model.displayName ? (
        <code className="font-mono text-xs break-all text-muted-foreground">{model.id}</code>
      ) : null}
      <Capabilities capabilities={model.capabilities} />
    </div>
  );
}

function Capabilities({ capabilities }: { capabilities: string[] }) {
  const shown = capabilities.filter((c) => c !== "completion");
  if (shown.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-1" aria-label="Capabilities">
      {shown.map((c) => (
        <Badge key={c} variant="secondary" className="capitalize">
          {c}
        </Badge>
      ))}
    </div>
  );
}

function Parameters({ model }: { model: InstalledModelView }) {
  const parts = [model.family, model.parameterSize, model.quantization].filter(Boolean);
  return <>{parts.length > 0 ? parts.join(" · ") : "—"}</>;
}

function EnabledSwitch({ model, onChanged }: { model: InstalledModelView; onChanged: () => Promise<void> }) {
  // The setting is per model id: the list's value wins once reloaded (the same id may sit on two runners).
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  async function toggle(next: boolean) {
    setOptimistic(next);
    try {
      await updateModelSetting({ model: model.id, enabled: next });
      toast.success(next ? `${model.id} is offered to users.` : `${model.id} is hidden from users.`);
      await onChanged();
    } catch (err) {
      toastError(err, `Could not change ${model.id}.`);
    } finally {
      setOptimistic(null);
    }
  }
  return (
    <Switch
      checked={optimistic ?? model.enabled}
      disabled={optimistic !== null}
      onCheckedChange={(next) => void toggle(next)}
      aria-label={`Offer ${model.id} to users`}
    />
  );
}

function ModelMenu({ model, actions }: { model: InstalledModelView; actions: RowActions }) {
  async function setDefault(isDefault: boolean) {
    try {
      await updateModelSetting({ model: model.id, isDefault });
      toast.success(isDefault ? `New chats now start with ${model.id}.` : "New chats have no default model.");
      void actions.onChanged();
    } catch (err) {
      toastError(err, "Could not change the default model.");
    }
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Actions for ${model.id} on ${model.runnerName}`}>
          <MoreHorizontal aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        {model.runnerKind === "ollama" ? (
          <DropdownMenuItem onSelect={actions.onDetails}>
            <Info aria-hidden />
            Details
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem onSelect={actions.onRename}>
          <Pencil aria-hidden />
          Display name…
        </DropdownMenuItem>
        {actions.defaultLocked ? null : actions.isDefault ? (
          <DropdownMenuItem onSelect={() => void setDefault(false)}>
            <StarOff aria-hidden />
            Remove as default
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => void setDefault(true)}>
            <Star aria-hidden />
            Make default for new chats
          </DropdownMenuItem>
        )}
        {model.runnerKind === "ollama" ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={actions.onDelete}>
              <Trash2 aria-hidden />
              Delete…
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
