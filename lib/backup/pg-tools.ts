import { spawn } from "node:child_process";
import { BackupError } from "./backup-error";

/**
 * pg_dump and pg_restore from the PATH, given the connection through libpq's
 * environment (PGPASSWORD) rather than the command line, where any local user
 * could read the password in the process list.
 */
function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { dbname: url.toString(), env: { ...process.env, PGPASSWORD: password } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString();
    });
    child.on("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "ENOENT"
          ? new BackupError(
              `${tool} was not found on the PATH. Install the PostgreSQL client tools (the same major version as the database server, or newer).`,
            )
          : err,
      ),
    );
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${tool} failed (exit code ${code}):\n${stderr.trim() || "(no message)"}`)),
    );
  });
}

/** The major version of a PostgreSQL tool on the PATH (`pg_dump (PostgreSQL) 17.2` → 17). */
export function toolMajorVersion(tool: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(tool, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", () => resolve(null));
    child.on("close", () => {
      const m = /\(PostgreSQL\)\s+(\d+)/.exec(out);
      resolve(m ? Number(m[1]) : null);
    });
  });
}

/** Dumps the whole database, custom format, to `file`. */
export async function pgDump(databaseUrl: string, file: string, serverMajor: number): Promise<void> {
  const major = await toolMajorVersion("pg_dump");
  if (major === null)
    throw new BackupError(
      `pg_dump was not found on the PATH. Install the PostgreSQL ${serverMajor} client tools (or newer) to make backups.`,
    );
  if (major < serverMajor)
    throw new BackupError(
      `pg_dump ${major} cannot dump a PostgreSQL ${serverMajor} database. Install the PostgreSQL ${serverMajor} client tools (or newer).`,
    );
  const { dbname, env } = connection(databaseUrl);
  await run(
    "pg_dump",
    ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${dbname}`],
    env,
  );
}

/** Restores a custom-format dump into the (emptied) database, all or nothing. */
export async function pgRestore(databaseUrl: string, file: string): Promise<void> {
  const { dbname, env } = connection(databaseUrl);
  await run(
    "pg_restore",
    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file],
    env,
  );
}
