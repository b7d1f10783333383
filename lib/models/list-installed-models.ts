import "server-only";
import { isAppError } from "@/lib/errors";
import { clientFor, modelCapabilities, type ActiveRunner } from "@/lib/runners/registry";
import { listRunnerRows } from "@/lib/runners/runner-records";
import { describeSettings } from "@/lib/settings/settings";
import type { InstalledModelView, ModelsOverview, RunningModelView } from "@/lib/shared/admin-models";
import { modelSettings, type ModelSetting } from "./model-settings";

/** How long one runner may take: the page shows it as unreachable rather than waiting. */
const TIMEOUT_MS = 5_000;

/**
 * What /admin/models shows: every enabled runner's installed and loaded
 * models, fetched in parallel, with the admin's choices per model. A runner
 * that cannot be reached is listed with its error, not left out.
 */
export async function listInstalledModels(): Promise<ModelsOverview> {
  const [rows, settings, described] = await Promise.all([
    listRunnerRows(),
    modelSettings(),
    describeSettings(),
  ]);
  const perRunner = await Promise.all(
    rows.map(async (row) => {
      const base = { id: row.id, name: row.name, kind: row.kind, enabled: row.enabled };
      if (!row.enabled) return { runner: { ...base, error: null }, models: [], running: [] };
      try {
        const { models, running } = await modelsOf(clientFor(row), settings);
        return { runner: { ...base, error: null }, models, running };
      } catch (err) {
        const error = isAppError(err) ? err.message : `${row.name} cannot be reached.`;
        return { runner: { ...base, error }, models: [], running: [] };
      }
    }),
  );
  const defaultModel = described.find((d) => d.key === "defaultModel");
  return {
    runners: perRunner.map((r) => r.runner),
    models: perRunner.flatMap((r) => r.models),
    running: perRunner.flatMap((r) => r.running),
    defaultModel: typeof defaultModel?.value === "string" ? defaultModel.value : "",
    defaultModelFixedBy: defaultModel?.fixedBy ?? null,
  };
}

async function modelsOf(
  active: ActiveRunner,
  settings: Map<string, ModelSetting>,
): Promise<{ models: InstalledModelView[]; running: RunningModelView[] }> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const runner = { runnerId: active.id, runnerName: active.name };
  const chosen = (id: string) => ({
    enabled: settings.get(id)?.enabled ?? true,
    displayName: settings.get(id)?.displayName ?? null,
  });
  if (active.kind === "openai") {
    const listed = await active.runner.listModels(signal);
    return {
      models: listed.map((m) => ({
        id: m.id,
        name: m.name,
        ...runner,
        runnerKind: "openai",
        family: null,
        parameterSize: null,
        quantization: null,
        size: null,
        modifiedAt: m.createdAt ? new Date(m.createdAt * 1000).toISOString() : null,
        capabilities: [],
        ...chosen(m.id),
      })),
      running: [],
    };
  }
  const [installed, loaded] = await Promise.all([
    active.runner.installed(signal),
    active.runner.running(signal).catch(() => []),
  ]);
  const models = await Promise.all(
    installed.map(async (m) => ({
      id: m.name,
      name: m.name,
      ...runner,
      runnerKind: "ollama" as const,
      family: m.family ?? null,
      parameterSize: m.parameterSize ?? null,
      quantization: m.quantization ?? null,
      size: m.size,
      modifiedAt: m.modifiedAt ?? null,
      capabilities: (await modelCapabilities(m.name)) ?? [],
      ...chosen(m.name),
    })),
  );
  return {
    models,
    running: loaded.map((m) => ({
      ...runner,
      name: m.name,
      size: m.size,
      sizeVram: m.sizeVram,
      expiresAt: m.expiresAt,
    })),
  };
}
