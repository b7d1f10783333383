/**
 * What /api/admin/runners and /api/admin/models answer, shared by the server
 * that builds it and the admin page that shows it. No secrets: a runner's API
 * key is only ever `hasApiKey`.
 */

export type RunnerKind = "ollama" | "openai";

export interface RunnerStatus {
  reachable: boolean;
  /** Ollama's version; null for OpenAI-compatible servers, which do not say. */
  version: string | null;
  /** How long the probe took, in ms (also when it failed). */
  latencyMs: number;
  /** Why it could not be reached, in a sentence. */
  error: string | null;
  /** How many models an OpenAI-compatible server lists; null for Ollama, or when unreachable. */
  models: number | null;
}

export interface RunnerView {
  id: string;
  name: string;
  kind: RunnerKind;
  baseUrl: string;
  enabled: boolean;
  hasApiKey: boolean;
  /** The runner of OLLAMA_BASE_URL: its URL is read-only and it cannot be deleted. */
  isDefault: boolean;
  createdAt: string;
  /** Present when the list was asked with its status. */
  status?: RunnerStatus;
}

export interface InstalledModelView {
  /** The id clients use: Ollama's name, or "runner/model" on an OpenAI-compatible runner. */
  id: string;
  /** The name the runner knows it by. */
  name: string;
  runnerId: string;
  runnerName: string;
  runnerKind: RunnerKind;
  family: string | null;
  parameterSize: string | null;
  quantization: string | null;
  /** Bytes on disk; null when the runner does not say (OpenAI-compatible). */
  size: number | null;
  modifiedAt: string | null;
  capabilities: string[];
  /** The admin's choices (model_setting): shown to users or not, and the name pickers show. */
  enabled: boolean;
  displayName: string | null;
}

export interface RunningModelView {
  runnerId: string;
  runnerName: string;
  name: string;
  size: number;
  sizeVram: number;
  expiresAt: string;
}

export interface ModelsOverview {
  runners: { id: string; name: string; kind: RunnerKind; enabled: boolean; error: string | null }[];
  models: InstalledModelView[];
  running: RunningModelView[];
  /** The default model for new chats ("" for none), and the variable that fixes it, if any. */
  defaultModel: string;
  defaultModelFixedBy: string | null;
}

export interface ModelDetailsView {
  runnerId: string;
  name: string;
  family: string | null;
  parameterSize: string | null;
  quantization: string | null;
  contextLength: number | null;
  capabilities: string[];
  template: string;
  parameters: string;
  modelfile: string;
  license: string;
}
