import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killGroup, signUpOverHttp, startHearthServer, type HearthServer } from "../support/hearth-server";

/**
 * `npm start` with nothing configured: the embedded PostgreSQL comes up under
 * DATA_DIR, survives a restart with its data and the generated secrets, and
 * goes down cleanly with the app.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-embedded-"));
const running: HearthServer[] = [];

afterAll(async () => {
  // A failed assertion leaves a server up: end its whole process group (app + PostgreSQL).
  for (const s of running) killGroup(s.child, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start() {
  // Nothing configured: no DATABASE_URL, no AUTH_SECRET.
  const server = await startHearthServer({
    env: { DATA_DIR: dataDir, DATABASE_URL: undefined, AUTH_SECRET: undefined },
    timeoutMs: 90_000,
  });
  running.push(server);
  return server;
}

function stop(server: HearthServer, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    server.child.once("exit", (code) => resolve(code));
    server.child.kill(signal);
  });
}

const pidFile = path.join(dataDir, "postgres", "postmaster.pid");

describe("npm start on the embedded database", () => {
  it("keeps data and sessions across a restart and stops PostgreSQL on SIGTERM and SIGINT", async () => {
    const first = await start();
    expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(pidFile)).toBe(true);

    const cookie = await signUpOverHttp(first.base, "home@example.com");

    expect(await stop(first, "SIGTERM")).toBe(0);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(fs.existsSync(pidFile)).toBe(false);

    const second = await start();
    const me = await fetch(`${second.base}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "home@example.com", role: "ADMIN" });

    expect(await stop(second, "SIGINT")).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});
