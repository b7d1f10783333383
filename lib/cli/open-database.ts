import fs from "node:fs";
import path from "node:path";
import type { Config } from "@/lib/config";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { note } from "./cli-error";

export interface CliDatabase {
  url: string;
  /** Stops the embedded PostgreSQL if this command started it. */
  close: () => Promise<void>;
}

/**
 * The database the server uses: DATABASE_URL, or the embedded PostgreSQL of
 * DATA_DIR. When `npm start` is running, its PostgreSQL is found through
 * postmaster.pid (which records the port); when it is not, the CLI starts it
 * for the command and stops it after, so a command works either way and never
 * runs a second PostgreSQL on the same files.
 */
export async function openDatabase(config: Config): Promise<CliDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => {} };
  const running = runningEmbeddedPort(path.join(config.dataDir, "postgres"));
  const credentials = `hearth:${encodeURIComponent(config.embeddedDatabasePassword)}`;
  if (running)
    return { url: `postgresql://${credentials}@127.0.0.1:${running}/hearth`, close: async () => {} };
  note(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, "postgres")} for this command.`);
  const database = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    password: config.embeddedDatabasePassword,
  });
  return { url: database.url, close: () => database.stop() };
}

/** The port of a PostgreSQL running on `databaseDir`, from its postmaster.pid; null if none runs. */
function runningEmbeddedPort(databaseDir: string): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, run by another user (PostgreSQL as `postgres` when Hearth runs as root).
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return port;
}
