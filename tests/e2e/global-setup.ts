/**
 * Starts Hearth's production build the way a user does (`scripts/start.ts`)
 * against a fresh test database, and stops it afterwards. Everything the
 * server prints is kept in a file so tests can read the logs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTestDatabase, freePort, startTestCluster } from "../support/pg-harness";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    serverLog: string;
    databaseUrl: string;
    authSecret: string;
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  const databaseUrl = await createTestDatabase(cluster.adminUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-e2e-"));
  const port = await freePort();
  const serverLog = path.join(dir, "server.log");
  const out = fs.openSync(serverLog, "a");
  const authSecret = `e2e-auth-secret-${Date.now()}-0123456789abcdef`;
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: path.join(dir, "data"),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      OLLAMA_BASE_URL: `http://127.0.0.1:${await freePort()}`,
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const baseUrl = `http://localhost:${port}`;
  await waitForHealth(baseUrl, server, serverLog);

  project.provide("baseUrl", baseUrl);
  project.provide("serverLog", serverLog);
  project.provide("databaseUrl", databaseUrl);
  project.provide("authSecret", authSecret);
  project.provide("pgAdminUrl", cluster.adminUrl);

  return async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
      // Whatever is still up after 10 s goes, with its children.
      setTimeout(() => server.pid && process.kill(-server.pid, "SIGKILL"), 10_000).unref();
    });
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

async function waitForHealth(baseUrl: string, server: ChildProcess, log: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`Hearth exited with ${server.exitCode}:\n${fs.readFileSync(log, "utf8")}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (server.pid) process.kill(-server.pid, "SIGKILL");
  throw new Error(`Hearth did not become healthy:\n${fs.readFileSync(log, "utf8")}`);
}
