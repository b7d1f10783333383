import path from "node:path";
import { z } from "zod";
import pkg from "../../package.json";
import { compileTrustedProxies } from "../server/client-address";
import { readOrCreateSecrets, SecretsFileError } from "./secrets";

/**
 * Every setting Hearth reads, with the default that makes it run with no
 * `.env` at all. This file and `lib/config/index.ts` are the only readers of
 * the environment.
 */
const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .transform((u) => u.replace(/\/+$/, ""));

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  OLLAMA_BASE_URL: httpUrl.default("http://localhost:11434"),
  OLLAMA_DEFAULT_MODEL: z.string().trim().max(200, "must be at most 200 characters").optional(),
  APP_URL: httpUrl.optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, "must be 32 bytes, as 64 hex characters or base64")
    .optional(),
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  RUNNER_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(100, "must be at least 100")
    .default(300_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(10, "must be at least 10")
    .default(5_000),
  SSE_KEEPALIVE_MS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(100, "must be at least 100")
    .default(15_000),
  STREAM_STALL_MS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1_000, "must be at least 1000")
    .default(60_000),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 (stop at once) or more")
    .max(3600, "must be at most 3600 (an hour)")
    .default(20),
  RATE_LIMIT_REQUESTS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(100),
  RATE_LIMIT_WINDOW_MS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1000, "must be at least 1000 (one second)")
    .default(60_000),
  RATE_LIMIT_TOKENS_PER_DAY: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 (off) or more")
    .default(0),
  SIGNUP_POLICY: z
    .enum(["open", "closed", "approval"], { error: "must be one of open, closed, approval" })
    .optional(),
  DEFAULT_USER_ROLE: z.enum(["USER", "ADMIN"], { error: "must be USER or ADMIN" }).optional(),
  DEFAULT_MODEL: z.string().max(200, "must be at most 200 characters").optional(),
  DEFAULT_SYSTEM_PROMPT: z.string().max(20_000, "must be at most 20,000 characters").optional(),
  TITLE_GENERATION: z
    .enum(["true", "false", "1", "0", "on", "off"], { error: "must be true or false" })
    .transform((v) => v === "true" || v === "1" || v === "on")
    .optional(),
  TITLE_MODEL: z.string().max(200, "must be at most 200 characters").optional(),
  WEBHOOKS_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false", "1", "0", "on", "off"], { error: "must be true or false" })
    .transform((v) => v === "true" || v === "1" || v === "on")
    .optional(),
  TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .check((ctx) => {
      const bad = ctx.value.find((entry) => !isProxyEntry(entry));
      if (bad !== undefined)
        ctx.issues.push({
          code: "custom",
          input: ctx.value,
          message: `must list addresses or CIDR ranges separated by commas (or loopback, linklocal, uniquelocal); "${bad}" is not one`,
        });
    })
    .default([]),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

/** Every environment variable Hearth reads (README and .env.example must list each). */
export const ENV_KEYS = Object.keys(envSchema.shape);

export type LogLevel = z.infer<typeof envSchema>["LOG_LEVEL"];

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface Config {
  version: string;
  port: number;
  /** Absolute path. */
  dataDir: string;
  /** Unset means: the embedded PostgreSQL that `npm start` runs. */
  databaseUrl: string | undefined;
  ollamaBaseUrl: string;
  /** Pulled on the built-in Ollama at boot when it lacks it (lib/pulls/pull-default-model). */
  ollamaDefaultModel: string | undefined;
  /** How long a runner may take to start answering (Ollama loads the model first). */
  runnerTimeoutMs: number;
  /** How long one database statement of the app may run before PostgreSQL cancels it. */
  statementTimeoutMs: number;
  /** How often a silent SSE stream sends a keepalive comment. */
  sseKeepaliveMs: number;
  /** How long a streamed /v1 answer waits for a client that has stopped reading before cutting it. */
  streamStallMs: number;
  /** On SIGTERM, how long answers under way get to finish before they are saved as interrupted. */
  shutdownGraceMs: number;
  appUrl: string;
  authSecret: string;
  encryptionKey: Buffer;
  /** Password the embedded PostgreSQL is initialised with. */
  embeddedDatabasePassword: string;
  oauth: { github?: OAuthClient; google?: OAuthClient };
  /** Per API key: requests per window, and tokens per day (0 = no daily quota). */
  rateLimit: { requests: number; windowMs: number; tokensPerDay: number };
  logLevel: LogLevel;
  /** The bearer token a Prometheus scraper sends to /api/metrics; unset: admins' sessions only. */
  metricsToken: string | undefined;
  /**
   * Proxies whose X-Forwarded-For entry is believed (addresses, CIDR ranges,
   * loopback, linklocal, uniquelocal). Empty: the socket's peer is the client.
   */
  trustedProxies: string[];
  /**
   * Instance settings an admin could change at /admin/system but that the
   * environment fixes (lib/settings): shown read-only with the variable's name.
   */
  fixed: {
    signUpPolicy?: "open" | "closed" | "approval";
    defaultRole?: "USER" | "ADMIN";
    defaultModel?: string;
    defaultSystemPrompt?: string;
    titleGeneration?: boolean;
    titleModel?: string;
    webhooksAllowPrivate?: boolean;
    rateLimitRequests?: number;
    rateLimitWindowMs?: number;
    rateLimitTokensPerDay?: number;
  };
}

/** A bad setting: `message` is the one line printed before exiting. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Compose files often pass `VAR=` for "unset"; treat empty as absent.
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((key) => [key, env[key]?.trim()])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "configuration");
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  const e = parsed.data;

  const oauth: Config["oauth"] = {};
  for (const [provider, idKey, secretKey] of [
    ["github", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"],
    ["google", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ] as const) {
    const clientId = e[idKey];
    const clientSecret = e[secretKey];
    if (clientId && clientSecret) oauth[provider] = { clientId, clientSecret };
    else if (clientId || clientSecret) {
      const missing = clientId ? secretKey : idKey;
      const given = clientId ? idKey : secretKey;
      throw new ConfigError(`Invalid configuration: ${missing} must be set when ${given} is set`);
    }
  }

  const dataDir = path.resolve(e.DATA_DIR);
  let stored;
  try {
    stored = readOrCreateSecrets(dataDir);
  } catch (err) {
    if (err instanceof SecretsFileError) throw new ConfigError(`Invalid configuration: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`Invalid configuration: DATA_DIR ${dataDir} is not writable (${code})`);
  }

  return {
    version: pkg.version,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    ollamaBaseUrl: e.OLLAMA_BASE_URL,
    ollamaDefaultModel: e.OLLAMA_DEFAULT_MODEL,
    runnerTimeoutMs: e.RUNNER_TIMEOUT_MS,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    sseKeepaliveMs: e.SSE_KEEPALIVE_MS,
    streamStallMs: e.STREAM_STALL_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    appUrl: e.APP_URL ?? `http://localhost:${e.PORT}`,
    authSecret: e.AUTH_SECRET ?? stored.authSecret,
    encryptionKey: decodeKey(e.ENCRYPTION_KEY ?? stored.encryptionKey) ?? Buffer.alloc(0),
    embeddedDatabasePassword: stored.embeddedDatabasePassword,
    oauth,
    rateLimit: {
      requests: e.RATE_LIMIT_REQUESTS,
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      tokensPerDay: e.RATE_LIMIT_TOKENS_PER_DAY,
    },
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    trustedProxies: e.TRUSTED_PROXIES,
    fixed: dropUndefined({
      signUpPolicy: e.SIGNUP_POLICY,
      defaultRole: e.DEFAULT_USER_ROLE,
      defaultModel: e.DEFAULT_MODEL,
      defaultSystemPrompt: e.DEFAULT_SYSTEM_PROMPT,
      titleGeneration: e.TITLE_GENERATION,
      titleModel: e.TITLE_MODEL,
      webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE_URLS,
      // Only what the environment really sets fixes a setting, not the built-in default.
      rateLimitRequests: "RATE_LIMIT_REQUESTS" in present ? e.RATE_LIMIT_REQUESTS : undefined,
      rateLimitWindowMs: "RATE_LIMIT_WINDOW_MS" in present ? e.RATE_LIMIT_WINDOW_MS : undefined,
      rateLimitTokensPerDay: "RATE_LIMIT_TOKENS_PER_DAY" in present ? e.RATE_LIMIT_TOKENS_PER_DAY : undefined,
    }),
  };
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function isProxyEntry(entry: string): boolean {
  try {
    compileTrustedProxies([entry]);
    return true;
  } catch {
    return false;
  }
}

function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const buf = Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64");
    return buf.length === 32 ? buf : null;
  }
  return null;
}
