import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { toolMajorVersion } from "@/lib/backup/pg-tools";
import { ConfigError, type Config } from "@/lib/config/load";
import { appliedMigrationLevel, shippedMigrationLevel } from "@/lib/db/migration-level";
import { cliConfig, migrationsFolder, withDatabase } from "../context";

export const usage = `hearth doctor
  Checks what Hearth needs (settings, DATA_DIR, disk space, the secrets file, the
  database and its migrations, the runners, the backup tools) and says what to fix.
  Exits 1 if something is wrong.`;

type Status = "ok" | "warn" | "fail";
interface Check {
  status: Status;
  what: string;
  fix?: string;
}

const GiB = 1024 ** 3;
const MARK: Record<Status, string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

export async function run(args: string[]): Promise<void> {
  parseArgs({ args, strict: true });
  const checks: Check[] = [];
  const report = (check: Check) => {
    checks.push(check);
    process.stdout.write(
      `[${MARK[check.status]}] ${check.what}\n${check.fix ? `       fix: ${check.fix}\n` : ""}`,
    );
  };

  // Before the settings load: loading them repairs a loose mode on its own, which would hide it here.
  const dataDir = path.resolve(process.env.DATA_DIR?.trim() || "./data");
  checkSecretsFile(path.join(dataDir, "secrets.json"), report);

  let config: Config;
  try {
    config = cliConfig();
    report({ status: "ok", what: `Settings are valid (DATA_DIR ${config.dataDir})` });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    report({ status: "fail", what: err.message, fix: "correct the variable in .env or the environment" });
    return finish(checks);
  }
  checkDataDir(config.dataDir, report);

  try {
    await withDatabase(config, async (databaseUrl) => {
      const serverMajor = await checkDatabase(databaseUrl, report);
      await checkRunners(config, report);
      if (serverMajor !== null) await checkBackupTools(serverMajor, report);
    });
  } catch (err) {
    report({
      status: "fail",
      what: `The database cannot be reached: ${err instanceof Error ? err.message : String(err)}`,
      fix: config.databaseUrl
        ? "check DATABASE_URL (host, port, user, password) and that PostgreSQL is running"
        : "check that DATA_DIR/postgres is intact and that nothing else uses it",
    });
  }
  finish(checks);
}

function finish(checks: Check[]) {
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  process.stdout.write(
    failed
      ? `\n${failed} problem${failed === 1 ? "" : "s"} to fix.\n`
      : `\nAll good${warned ? ` (${warned} warning${warned === 1 ? "" : "s"})` : ""}.\n`,
  );
  if (failed) process.exitCode = 1;
}

function checkSecretsFile(file: string, report: (c: Check) => void) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    report({ status: "warn", what: `${file} does not exist yet`, fix: "start Hearth once: it generates it" });
    return;
  }
  const mode = stat.mode & 0o777;
  const uid = process.getuid?.();
  if ((mode & 0o077) !== 0)
    report({
      status: "fail",
      what: `${file} can be read by others (mode ${mode.toString(8)}): it holds the keys to every session and stored secret`,
      fix: `chmod 600 ${file}`,
    });
  else if (uid !== undefined && stat.uid !== uid)
    report({
      status: "fail",
      what: `${file} belongs to user ${stat.uid}, not to the user Hearth runs as (${uid})`,
      fix: `chown ${uid} ${file}`,
    });
  else report({ status: "ok", what: `${file} is private (mode 600, owned by this user)` });
}

function checkDataDir(dataDir: string, report: (c: Check) => void) {
  const probe = path.join(dataDir, `.doctor-${process.pid}`);
  try {
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
    report({ status: "ok", what: `DATA_DIR ${dataDir} is writable` });
  } catch (err) {
    report({
      status: "fail",
      what: `DATA_DIR ${dataDir} is not writable (${(err as NodeJS.ErrnoException).code ?? "error"})`,
      fix: `give the user Hearth runs as write access to ${dataDir}, or point DATA_DIR elsewhere`,
    });
  }
  try {
    const fsStats = fs.statfsSync(dataDir);
    const free = fsStats.bavail * fsStats.bsize;
    const text = `${(free / GiB).toFixed(1)} GiB free in DATA_DIR`;
    if (free < 1 * GiB)
      report({
        status: "fail",
        what: text,
        fix: "free disk space: uploads and the database need room to grow",
      });
    else if (free < 5 * GiB)
      report({ status: "warn", what: text, fix: "less than 5 GiB left: plan for more space" });
    else report({ status: "ok", what: text });
  } catch {
    report({ status: "warn", what: "could not read the free disk space of DATA_DIR" });
  }
}

async function checkDatabase(databaseUrl: string, report: (c: Check) => void): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  const started = performance.now();
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string; n: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
    );
    report({
      status: "ok",
      what: `The database answers: PostgreSQL ${rows[0]!.v}, in ${Math.round(performance.now() - started)} ms`,
    });
    const applied = await appliedMigrationLevel(client, migrationsFolder);
    const shipped = shippedMigrationLevel(migrationsFolder);
    if (applied.count === shipped.count && applied.tag === shipped.tag)
      report({
        status: "ok",
        what: `The schema is current: ${applied.count} migrations, the last ${applied.tag}`,
      });
    else if (applied.count > shipped.count || (applied.tag && !applied.tag.match(/^\d{4}_/)))
      report({
        status: "fail",
        what: `The database was migrated by a newer Hearth (${applied.count} migrations, the last ${applied.tag}; this one ships ${shipped.count})`,
        fix: "run the newer Hearth, or restore a backup made by this version",
      });
    else
      report({
        status: "fail",
        what: `${shipped.count - applied.count} migration(s) are not applied (the database is at ${applied.tag ?? "none"}, this Hearth at ${shipped.tag})`,
        fix: "run `hearth migrate`, or start Hearth, which migrates on boot",
      });
    return Math.floor(Number(rows[0]!.n) / 10_000);
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkRunners(config: Config, report: (c: Check) => void) {
  const { listRunners } = await import("@/lib/runners/list-runners");
  let runners;
  try {
    runners = await listRunners({ status: true });
  } catch {
    report({ status: "warn", what: "could not list the runners (the schema may be out of date)" });
    return;
  }
  if (runners.length === 0)
    report({
      status: "warn",
      what: `No runners are set up yet (Hearth adds Ollama at ${config.ollamaBaseUrl} when it starts)`,
    });
  for (const r of runners) {
    const label = `Runner "${r.name}" (${r.kind}, ${r.baseUrl})`;
    if (!r.enabled) report({ status: "ok", what: `${label} is disabled: not checked` });
    else if (r.status?.reachable)
      report({
        status: "ok",
        what: `${label} answers${r.status.version ? `: version ${r.status.version}` : ""}, in ${r.status.latencyMs} ms`,
      });
    else
      report({
        status: "fail",
        what: `${label} cannot be reached: ${r.status?.error ?? "no answer"}`,
        fix: r.isDefault
          ? "start Ollama, or set OLLAMA_BASE_URL to where it listens"
          : "start it, or correct or disable it in Admin → Models",
      });
  }
}

async function checkBackupTools(serverMajor: number, report: (c: Check) => void) {
  const [dump, restore] = await Promise.all([toolMajorVersion("pg_dump"), toolMajorVersion("pg_restore")]);
  if (dump === null || restore === null)
    report({
      status: "warn",
      what: "pg_dump or pg_restore is not on the PATH: `hearth backup` and `hearth restore` will not work",
      fix: `install the PostgreSQL ${serverMajor} client tools`,
    });
  else if (dump < serverMajor)
    report({
      status: "warn",
      what: `pg_dump ${dump} cannot back up this PostgreSQL ${serverMajor} database`,
      fix: `install the PostgreSQL ${serverMajor} client tools (or newer)`,
    });
  else report({ status: "ok", what: `pg_dump ${dump} and pg_restore ${restore} can back this database up` });
}
