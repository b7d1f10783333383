import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadConfig, type Config } from "@/lib/config/load";
import { openDatabase } from "./open-database";

/** The checkout (or image) root: where package.json and drizzle/ are, from the source or from dist/. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const root = findRoot(import.meta.dirname);
export const migrationsFolder = path.join(root, "drizzle");

/** The same settings the server reads (environment, DATA_DIR/secrets.json); a bad one is a ConfigError. */
export function cliConfig(): Config {
  return loadConfig(process.env);
}

/**
 * Runs `work` with the server's database: DATABASE_URL is set for the app's
 * modules (lib/db/client reads it from the config on first use), and an
 * embedded PostgreSQL the command started is stopped afterwards.
 */
export async function withDatabase<T>(config: Config, work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  process.env.DATABASE_URL = database.url;
  try {
    return await work(database.url);
  } finally {
    const holder = globalThis as unknown as {
      __hearthDb?: { pool: { end: () => Promise<void> } };
      __hearthCounters?: { end: () => Promise<void> };
    };
    await holder.__hearthDb?.pool.end().catch(() => {});
    await holder.__hearthCounters?.end().catch(() => {});
    delete holder.__hearthDb;
    delete holder.__hearthCounters;
    await database.close().catch(() => {});
  }
}

/** A password for a person to type once and change: 24 characters, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/** The first line of stdin (a password piped in, so it never shows in the process list or the shell's history). */
export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}
