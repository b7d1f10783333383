import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/pg-harness";

/**
 * `npm start` with nothing configured: the embedded PostgreSQL comes up under
 * DATA_DIR, survives a restart with its data and the generated secrets, and
 * goes down cleanly with the app.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-embedded-"));
const running: ChildProcess[] = [];

afterAll(() => {
  // A failed assertion leaves a server up: end its whole process group (app + PostgreSQL).
  for (const p of running) if (p.exitCode === null && p.pid) process.kill(-p.pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode}: ${output}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { child, base, output: () => output };
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`not healthy in time: ${output}`);
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

const pidFile = path.join(dataDir, "postgres", "postmaster.pid");

describe("npm start on the embedded database", () => {
  it("keeps data and sessions across a restart and stops PostgreSQL on SIGTERM and SIGINT", async () => {
    const first = await start(await freePort());
    expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(pidFile)).toBe(true);

    const signUp = await fetch(`${first.base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: first.base },
      body: JSON.stringify({ email: "home@example.com", password: "a long enough passphrase", name: "Home" }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");

    expect(await stop(first.child, "SIGTERM")).toBe(0);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(fs.existsSync(pidFile)).toBe(false);

    const second = await start(await freePort());
    const me = await fetch(`${second.base}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "home@example.com", role: "ADMIN" });

    expect(await stop(second.child, "SIGINT")).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});
