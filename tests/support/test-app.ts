/**
 * Points this test file's copy of the app at a fresh database and data dir.
 * Call before importing any app module: settings are read once per process.
 */
import { inject } from "vitest";
import { runMigrations } from "@/lib/db/migrate";
import { createTestDatabase } from "./pg-harness";
import { tempDir } from "./temp";

export interface TestApp {
  databaseUrl: string;
  dataDir: string;
}

export async function setupTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  const dataDir = tempDir("data");
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    OLLAMA_BASE_URL: "http://127.0.0.1:9",
    ...env,
  });
  await runMigrations({ databaseUrl });
  return { databaseUrl, dataDir };
}
