import "server-only";
import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { config, type Config } from "@/lib/config";
import { db, schema } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { storableText } from "@/lib/validation/storable-text";

/**
 * Instance-wide settings an admin changes at /admin/system. Each has a
 * built-in default, may be stored in PostgreSQL (app_setting), and may be
 * fixed by an environment variable, which then always wins and is shown
 * read-only with the variable's name (never silently ignored).
 */
const definitions = {
  signUpPolicy: {
    env: "SIGNUP_POLICY",
    schema: z.enum(["open", "closed", "approval"]),
    fallback: (): "open" | "closed" | "approval" => "open",
  },
  defaultRole: {
    env: "DEFAULT_USER_ROLE",
    schema: z.enum(["USER", "ADMIN"]),
    fallback: (): "USER" | "ADMIN" => "USER",
  },
  /** The model new chats start with ("" : the first one the user can use). */
  defaultModel: { env: "DEFAULT_MODEL", schema: storableText().trim().max(200), fallback: () => "" },
  defaultSystemPrompt: {
    env: "DEFAULT_SYSTEM_PROMPT",
    // Stored as JSON: PostgreSQL's jsonb refuses a NUL, so it is refused here with a 400 instead.
    schema: storableText().max(20_000, "at most 20,000 characters"),
    fallback: () => "",
  },
  titleGeneration: { env: "TITLE_GENERATION", schema: z.boolean(), fallback: () => true },
  /** The model that writes chat titles ("": the chat's own model). */
  titleModel: { env: "TITLE_MODEL", schema: storableText().trim().max(200), fallback: () => "" },
  /** Whether webhooks may go to loopback and private (LAN) addresses; metadata and link-local never. */
  webhooksAllowPrivate: { env: "WEBHOOKS_ALLOW_PRIVATE_URLS", schema: z.boolean(), fallback: () => false },
  rateLimitRequests: {
    env: "RATE_LIMIT_REQUESTS",
    schema: z.number().int().min(1, "at least 1").max(1_000_000),
    fallback: () => config().rateLimit.requests,
  },
  rateLimitWindowMs: {
    env: "RATE_LIMIT_WINDOW_MS",
    schema: z.number().int().min(1000, "at least 1000 (one second)").max(86_400_000),
    fallback: () => config().rateLimit.windowMs,
  },
  rateLimitTokensPerDay: {
    env: "RATE_LIMIT_TOKENS_PER_DAY",
    schema: z.number().int().min(0, "0 (off) or more").max(1_000_000_000),
    fallback: () => config().rateLimit.tokensPerDay,
  },
} as const;

type Definitions = typeof definitions;
export type SettingKey = keyof Definitions & keyof Config["fixed"];
export type Settings = { [K in SettingKey]: z.infer<Definitions[K]["schema"]> };

export const SETTING_KEYS = Object.keys(definitions) as SettingKey[];

/** A change an admin may send: any subset of the settings. */
export const settingsPatch = z
  .object(
    Object.fromEntries(SETTING_KEYS.map((k) => [k, definitions[k].schema.optional()])) as {
      [K in SettingKey]: z.ZodOptional<Definitions[K]["schema"]>;
    },
  )
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

export interface DescribedSetting<K extends SettingKey = SettingKey> {
  key: K;
  value: Settings[K];
  /** The environment variable that fixes it, or null when an admin may change it. */
  fixedBy: string | null;
}

// Other processes see a change within this long; this one at once.
const CACHE_MS = 2_000;
const REFRESH_AFTER_MS = 1_500;
const holder = globalThis as unknown as {
  __hearthSettings?: { at: number; value: Settings };
  /** The read under way: requests that find the cache stale together share it (one query, not one each). */
  __hearthSettingsLoad?: Promise<Settings>;
};

/** Forgets the cached settings and any read begun before a change. */
function forgetSettings() {
  holder.__hearthSettings = undefined;
  holder.__hearthSettingsLoad = undefined;
}

/** The settings in force: environment, then the database, then the built-in default. */
export async function getSettings(): Promise<Settings> {
  const hit = holder.__hearthSettings;
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < CACHE_MS) {
    // Read again in the background shortly before the cache runs out: under steady traffic no request waits for it.
    if (age > REFRESH_AFTER_MS && !holder.__hearthSettingsLoad) readSettings().catch(() => {});
    return hit.value;
  }
  return readSettings();
}

async function readSettings(): Promise<Settings> {
  const load = (holder.__hearthSettingsLoad ??= loadSettings());
  try {
    const value = await load;
    // Not cached when a change came in while it was read: the next call reads again.
    if (holder.__hearthSettingsLoad === load) holder.__hearthSettings = { at: Date.now(), value };
    return value;
  } finally {
    if (holder.__hearthSettingsLoad === load) holder.__hearthSettingsLoad = undefined;
  }
}

async function loadSettings(): Promise<Settings> {
  const rows = await db().select().from(schema.appSetting);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const fixed = config().fixed;
  return Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const def = definitions[key];
      if (fixed[key] !== undefined) return [key, fixed[key]];
      const parsed = def.schema.safeParse(stored.get(key));
      // A stored value an older version wrote and this one refuses falls back to the default.
      return [key, parsed.success ? parsed.data : def.fallback()];
    }),
  ) as Settings;
}

/** Every setting with its value and whether the environment fixes it, for /admin/system. */
export async function describeSettings(): Promise<DescribedSetting[]> {
  const settings = await getSettings();
  const fixed = config().fixed;
  return SETTING_KEYS.map((key) => ({
    key,
    value: settings[key],
    fixedBy: fixed[key] !== undefined ? definitions[key].env : null,
  }));
}

/**
 * Stores an admin's changes. A setting the environment fixes is refused
 * (409, naming the variable) and nothing is written. Returns the values
 * before and after, for the audit log.
 */
export async function updateSettings(
  patch: SettingsPatch,
  actorId: string,
): Promise<{ before: Partial<Settings>; after: Partial<Settings> }> {
  const keys = (Object.keys(patch) as SettingKey[]).filter((k) => patch[k] !== undefined);
  const fixed = config().fixed;
  const locked = keys.find((k) => fixed[k] !== undefined);
  if (locked) {
    throw new AppError(
      "conflict",
      `This setting is fixed by the environment variable ${definitions[locked].env}; change it there and restart Hearth.`,
      { param: locked },
    );
  }
  const current = await getSettings();
  const before: Partial<Settings> = {};
  const after: Partial<Settings> = {};
  for (const key of keys) {
    Object.assign(before, { [key]: current[key] });
    Object.assign(after, { [key]: patch[key] });
  }
  if (keys.length > 0) {
    await db()
      .insert(schema.appSetting)
      .values(keys.map((key) => ({ key, value: patch[key] as unknown, updatedBy: actorId })))
      .onConflictDoUpdate({
        target: schema.appSetting.key,
        set: { value: sql`excluded.value`, updatedBy: actorId, updatedAt: new Date() },
      });
  }
  forgetSettings();
  return { before, after };
}

/** Forgets stored values (tests): the defaults and the environment apply again. */
export async function resetStoredSettings(keys: SettingKey[] = SETTING_KEYS): Promise<void> {
  await db().delete(schema.appSetting).where(inArray(schema.appSetting.key, keys));
  forgetSettings();
}
