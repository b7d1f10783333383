import "server-only";
import { config } from "@/lib/config";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { isModelEnabled } from "@/lib/models/model-settings";
import { createOllamaRunner, type OllamaRunner } from "./ollama/ollama-runner";
import { createOpenAICompatibleRunner } from "./openai-compatible/openai-compatible-runner";
import { RunnerError } from "./runner-error";
import { runnerPool, type PoolMember } from "./runner-pool";
import { DEFAULT_RUNNER_ID, forgetRunnerRows, listRunnerRows, type RunnerRow } from "./runner-records";
import type { ModelInfo, Runner } from "./types";

/** An enabled runner row with the client that speaks to it. */
export type ActiveRunner =
  | { id: string; name: string; kind: "ollama"; row: RunnerRow; runner: OllamaRunner }
  | { id: string; name: string; kind: "openai"; row: RunnerRow; runner: Runner };

/** One model as the pickers know it: its id and every runner that has it. */
export interface CatalogueEntry {
  id: string;
  info: ModelInfo;
  runners: ActiveRunner[];
}

export interface Catalogue {
  entries: Map<string, CatalogueEntry>;
  /** The runners that could not list their models, and why. */
  failures: Map<string, RunnerError>;
}

/** How long one runner may take to list its models before the others are shown without it. */
const LIST_TIMEOUT_MS = 3_000;
/** How long the routing table (which runner has which model) is trusted. */
const CATALOGUE_TTL_MS = 10_000;
const CAPABILITIES_TTL_MS = 60_000;

interface RegistryState {
  defaultOllama?: OllamaRunner;
  /** Clients by runner id, rebuilt when the row's URL, key or name changes. */
  clients: Map<string, { signature: string; runner: Runner | OllamaRunner }>;
  catalogue?: { at: number; value: Promise<Catalogue> };
  capabilities: Map<string, { at: number; value: string[] | null }>;
}

const holder = globalThis as unknown as { __hearthRegistry?: RegistryState };
function state(): RegistryState {
  holder.__hearthRegistry ??= { clients: new Map(), capabilities: new Map() };
  return holder.__hearthRegistry;
}

/** The built-in Ollama runner at OLLAMA_BASE_URL, with its admin calls (show, pull, ...). */
export function ollamaRunner(): OllamaRunner {
  const s = state();
  s.defaultOllama ??= createOllamaRunner({
    baseUrl: config().ollamaBaseUrl,
    firstByteTimeoutMs: config().runnerTimeoutMs,
  });
  return s.defaultOllama;
}

/** The client for a runner row (the default row's URL always comes from OLLAMA_BASE_URL). */
export function clientFor(row: RunnerRow): ActiveRunner {
  if (row.id === DEFAULT_RUNNER_ID) {
    return { id: row.id, name: row.name, kind: "ollama", row, runner: ollamaRunner() };
  }
  const s = state();
  const signature = `${row.kind}|${row.name}|${row.baseUrl}|${row.apiKeySealed ?? ""}`;
  let cached = s.clients.get(row.id);
  if (!cached || cached.signature !== signature) {
    const runner =
      row.kind === "ollama"
        ? createOllamaRunner({
            baseUrl: row.baseUrl,
            name: row.name,
            firstByteTimeoutMs: config().runnerTimeoutMs,
          })
        : createOpenAICompatibleRunner({
            name: row.name,
            baseUrl: row.baseUrl,
            apiKey: apiKeyOf(row),
            firstByteTimeoutMs: config().runnerTimeoutMs,
          });
    cached = { signature, runner };
    s.clients.set(row.id, cached);
  }
  return row.kind === "ollama"
    ? { id: row.id, name: row.name, kind: "ollama", row, runner: cached.runner as OllamaRunner }
    : { id: row.id, name: row.name, kind: "openai", row, runner: cached.runner };
}

function apiKeyOf(row: RunnerRow): string | undefined {
  if (!row.apiKeySealed) return undefined;
  try {
    return decryptSecret(row.apiKeySealed);
  } catch {
    // ENCRYPTION_KEY changed since the key was stored: the server will refuse us, and say so.
    logger().warn({ runner: row.name }, "cannot decrypt a runner's API key; was ENCRYPTION_KEY changed?");
    return undefined;
  }
}

/** The enabled runners, in the admin's order. */
export async function activeRunners(): Promise<ActiveRunner[]> {
  return (await listRunnerRows()).filter((r) => r.enabled).map(clientFor);
}

/**
 * Which runner serves a model id, and the name it knows the model by.
 * "runner/model" goes to that OpenAI-compatible runner; any other id is an
 * Ollama model, served by the least busy reachable Ollama runner that has it
 * (see runner-pool). A model the admin disabled is, to every caller, a model
 * that does not exist.
 */
export async function resolveModel(
  id: string,
): Promise<{ runner: Runner; model: string; kind: ActiveRunner["kind"] }> {
  if (!(await isModelEnabled(id))) throw modelNotFound(id);
  const active = await activeRunners();
  const openai = openAIRunnerFor(active, id);
  if (openai) {
    return {
      runner: runnerPool([member(openai)]),
      model: id.slice(openai.name.length + 1),
      kind: "openai",
    };
  }
  const ollamas = active.filter((a) => a.kind === "ollama");
  if (ollamas.length === 0) {
    throw new RunnerError(
      "unavailable",
      "No Ollama runner is enabled. An admin can enable one under Administration, Models.",
    );
  }
  return { runner: runnerPool((await ollamaHolders(ollamas, id)).map(member)), model: id, kind: "ollama" };
}

function modelNotFound(id: string): RunnerError {
  return new RunnerError("not_found", `The model '${id}' does not exist.`, { param: "model" });
}

function openAIRunnerFor(active: ActiveRunner[], id: string): ActiveRunner | undefined {
  return active.find(
    (a) => a.kind === "openai" && id.startsWith(`${a.name}/`) && id.length > a.name.length + 1,
  );
}

function member(a: ActiveRunner): PoolMember {
  return { id: a.id, runner: a.runner };
}

/**
 * The Ollama runners that have this model. With one runner there is nothing
 * to choose; with several, the catalogue says, looked up again once when it
 * has the model nowhere (it may have been pulled a moment ago). A model no
 * runner lists goes to all of them, so that Ollama's own "not found" answers.
 */
async function ollamaHolders(ollamas: ActiveRunner[], id: string): Promise<ActiveRunner[]> {
  if (ollamas.length === 1) return ollamas;
  const find = (c: Catalogue) => {
    const ids = new Set(c.entries.get(id)?.runners.map((r) => r.id));
    return ollamas.filter((o) => ids.has(o.id));
  };
  let holders = find(await catalogue());
  if (holders.length === 0) holders = find(await catalogue({ fresh: true }));
  return holders.length > 0 ? holders : ollamas;
}

/**
 * Every model of every enabled runner, listed in parallel, each runner given
 * LIST_TIMEOUT_MS so that a dead one does not stall the others. Cached
 * briefly for routing; `fresh` lists again (the pickers always do).
 */
export function catalogue(options: { fresh?: boolean } = {}): Promise<Catalogue> {
  const s = state();
  const hit = s.catalogue;
  if (!options.fresh && hit && Date.now() - hit.at < CATALOGUE_TTL_MS) return hit.value;
  const value = buildCatalogue();
  s.catalogue = { at: Date.now(), value };
  value.catch(() => {
    if (s.catalogue?.value === value) s.catalogue = undefined;
  });
  return value;
}

async function buildCatalogue(): Promise<Catalogue> {
  const active = await activeRunners();
  const listed = await Promise.all(active.map(async (a) => ({ a, result: await listWithin(a) })));
  const entries = new Map<string, CatalogueEntry>();
  const failures = new Map<string, RunnerError>();
  for (const { a, result } of listed) {
    if (result instanceof RunnerError) {
      failures.set(a.id, result);
      continue;
    }
    for (const info of result) {
      const entry = entries.get(info.id);
      if (entry) entry.runners.push(a);
      else entries.set(info.id, { id: info.id, info, runners: [a] });
    }
  }
  return { entries, failures };
}

async function listWithin(a: ActiveRunner): Promise<ModelInfo[] | RunnerError> {
  const signal = AbortSignal.timeout(LIST_TIMEOUT_MS);
  try {
    return await a.runner.listModels(signal);
  } catch (err) {
    if (err instanceof RunnerError) return err;
    if (signal.aborted) {
      return new RunnerError("upstream_timeout", `${a.name} did not list its models in time.`);
    }
    return new RunnerError("upstream_error", `${a.name} could not list its models.`, { cause: err });
  }
}

/**
 * The models users may pick, across runners: one entry per id, disabled ones
 * left out by the caller. Throws the runner's error when every runner failed,
 * so that "Ollama cannot be reached" reaches the picker rather than an empty list.
 */
export async function listAllModels(): Promise<CatalogueEntry[]> {
  const c = await catalogue({ fresh: true });
  if (c.entries.size === 0 && c.failures.size > 0) throw [...c.failures.values()][0]!;
  return [...c.entries.values()];
}

/**
 * What a model can do ("vision", "tools", "thinking", ...), from /api/show on
 * an Ollama runner that has it, cached for a minute. Null when it cannot be
 * told (runner down, or an OpenAI-compatible server, which does not say).
 */
export async function modelCapabilities(id: string): Promise<string[] | null> {
  const s = state();
  const hit = s.capabilities.get(id);
  if (hit && Date.now() - hit.at < CAPABILITIES_TTL_MS) return hit.value;
  const active = await activeRunners();
  let value: string[] | null = null;
  if (!openAIRunnerFor(active, id)) {
    const ollamas = active.filter((a) => a.kind === "ollama");
    const holders = ollamas.length > 1 ? await ollamaHolders(ollamas, id) : ollamas;
    for (const h of holders) {
      value = await (h.runner as OllamaRunner)
        .show(id)
        .then((d) => d.capabilities)
        .catch(() => null);
      if (value) break;
    }
  }
  s.capabilities.set(id, { at: Date.now(), value });
  return value;
}

/**
 * The Ollama runner with this id, for admin calls (pull, delete, ps). 404 for
 * an unknown id, another kind of runner, or a disabled one.
 */
export async function ollamaRunnerById(id: string): Promise<OllamaRunner> {
  const row = (await listRunnerRows()).find((r) => r.id === id);
  if (!row || row.kind !== "ollama" || !row.enabled) {
    throw new AppError("not_found", "No such Ollama runner, or it is disabled.", { param: "runnerId" });
  }
  return clientFor(row).runner as OllamaRunner;
}

/** Any enabled runner by id (Ollama or OpenAI-compatible), for the admin's model list. */
export async function activeRunnerById(id: string): Promise<ActiveRunner> {
  const found = (await activeRunners()).find((a) => a.id === id);
  if (!found) throw new AppError("not_found", "No such runner, or it is disabled.", { param: "runnerId" });
  return found;
}

/**
 * Forgets every cached list of models and their capabilities, so a model just
 * pulled, deleted, enabled or disabled shows in (or leaves) every picker and
 * /v1/models on the next request.
 */
export function invalidateModelCaches(): void {
  const s = state();
  s.catalogue = undefined;
  s.capabilities.clear();
}

/** After a runner was added, changed or removed: its rows, clients and models are read again. */
export function invalidateRunners(): void {
  forgetRunnerRows();
  invalidateModelCaches();
}
