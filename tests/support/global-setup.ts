import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startTestCluster } from "./pg-harness";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    tmpRoot: string;
  }
}

/** One PostgreSQL cluster for the whole run; each file makes its own database in it. */
export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-tests-"));
  project.provide("pgAdminUrl", cluster.adminUrl);
  project.provide("tmpRoot", tmpRoot);
  return async () => {
    await cluster.stop();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
}
