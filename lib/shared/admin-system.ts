/**
 * What GET /api/admin/system and /api/admin/settings answer with, shared by
 * the server that builds it and the /admin/system page that shows it.
 * Types and constants only.
 */

/** One check of something Hearth depends on. */
export interface Probe {
  reachable: boolean;
  /** Round trip of the check, in milliseconds. */
  latencyMs: number;
  /** Why it failed, in a few words ("connection refused", "no answer within 2000 ms"). */
  error: string | null;
}

export interface DatabaseStatus extends Probe {
  /** PostgreSQL's server version ("15.8"), null when unreachable. */
  version: string | null;
  /** Bytes the database takes on disk. */
  sizeBytes: number | null;
}

export interface RunnerStatus extends Probe {
  id: string;
  name: string;
  kind: "ollama" | "openai";
  /** Without any user:password part. */
  baseUrl: string;
  enabled: boolean;
  /** Ollama's version; null for OpenAI-compatible servers, which do not say. */
  version: string | null;
  /** How many models an OpenAI-compatible server lists; null for Ollama. */
  models: number | null;
}

export interface DiskStatus {
  /** Bytes of the files users uploaded (the sum of the sizes recorded for them). */
  uploadsBytes: number;
  uploadsFiles: number;
  /** The file system holding DATA_DIR; null where the platform cannot say. */
  totalBytes: number | null;
  freeBytes: number | null;
}

export interface SystemInfo {
  app: { version: string; uptimeSeconds: number; startedAt: string; node: string };
  database: DatabaseStatus;
  runners: RunnerStatus[];
  disk: DiskStatus;
  /** When these figures were taken (ISO). */
  checkedAt: string;
}

export type SignUpPolicy = "open" | "closed" | "approval";

/** The settings /admin/system shows and changes, with their types. */
export interface SettingValues {
  signUpPolicy: SignUpPolicy;
  defaultRole: "USER" | "ADMIN";
  defaultModel: string;
  defaultSystemPrompt: string;
  titleGeneration: boolean;
  titleModel: string;
  webhooksAllowPrivate: boolean;
  rateLimitRequests: number;
  rateLimitWindowMs: number;
  rateLimitTokensPerDay: number;
}

export type SettingKey = keyof SettingValues;

/** A setting as the page shows it: its value, and the variable that fixes it (then read-only). */
export type DescribedSettings = { [K in SettingKey]: { value: SettingValues[K]; fixedBy: string | null } };

/** How each setting is named on the page and in the audit log. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  signUpPolicy: "Sign-up policy",
  defaultRole: "Default role for new users",
  defaultModel: "Default model",
  defaultSystemPrompt: "Default system prompt",
  titleGeneration: "Title generation",
  titleModel: "Title model",
  webhooksAllowPrivate: "Webhooks to private addresses",
  rateLimitRequests: "Requests per window",
  rateLimitWindowMs: "Rate-limit window",
  rateLimitTokensPerDay: "Tokens per day",
};
