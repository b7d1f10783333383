/**
 * Starts Hearth's production build the way a user does (`npm start`)
 * against a fresh test database, and stops it afterwards. Everything the
 * server prints is kept in a file so tests can read the logs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startHearthServer, type HearthServer } from "../support/hearth-server";
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
  const serverLog = path.join(dir, "server.log");
  const out = fs.openSync(serverLog, "a");
  const authSecret = `e2e-auth-secret-${Date.now()}-0123456789abcdef`;
  let server: HearthServer;
  try {
    server = await startHearthServer({
      env: {
        DATA_DIR: path.join(dir, "data"),
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: authSecret,
        OLLAMA_BASE_URL: `http://127.0.0.1:${await freePort()}`,
        LOG_LEVEL: "debug",
      },
      stdio: ["ignore", out, out],
      port: await freePort(),
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}:\n${fs.readFileSync(serverLog, "utf8")}`);
  }
  // Pages are reached by the name a person would use.
  const baseUrl = server.base.replace("127.0.0.1", "localhost");

  project.provide("baseUrl", baseUrl);
  project.provide("serverLog", serverLog);
  project.provide("databaseUrl", databaseUrl);
  project.provide("authSecret", authSecret);
  project.provide("pgAdminUrl", cluster.adminUrl);

  return async () => {
    await server.stop();
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
