import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { config, type Config } from "@/lib/config";
import { secretScrubber } from "./scrub";

/** Keys whose values never reach a log line, wherever they sit in the object. */
const REDACT_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "apiKey",
  "key",
  "accessToken",
  "refreshToken",
  "idToken",
  "clientSecret",
  "databaseUrl",
];
const REDACT_PATHS = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers["${k}"]`]);

let cached: Logger | undefined;

/** The process's structured JSON logger. */
export function logger(): Logger {
  cached ??= createLogger(config());
  return cached;
}

/** A logger for these settings, writing JSON lines to stdout or `destination`. */
export function createLogger(c: Config, destination?: DestinationStream): Logger {
  const scrub = secretScrubber([
    c.authSecret,
    c.encryptionKey.toString("base64"),
    c.encryptionKey.toString("hex"),
    c.embeddedDatabasePassword,
    passwordOf(c.databaseUrl),
    c.oauth.github?.clientSecret,
    c.oauth.google?.clientSecret,
  ]);
  const log: Logger = pino(
    {
      level: c.logLevel,
      base: { app: "hearth", version: c.version },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: (err: unknown) => serializeError(err, log) },
      // Last line of defence: a known secret value is cut out of any line, even
      // one that slipped into a message string.
      hooks: { streamWrite: scrub },
    },
    destination,
  );
  return log;
}

/** Errors are logged by name, message and code: no stack unless debugging. */
function serializeError(err: unknown, log: Logger) {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { type: err.name, message: err.message };
  const code = (err as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (log.isLevelEnabled("debug")) out.stack = err.stack;
  return out;
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const p = decodeURIComponent(new URL(url).password);
    return p || undefined;
  } catch {
    return undefined;
  }
}
