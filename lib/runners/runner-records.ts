import "server-only";
import { asc, sql } from "drizzle-orm";
import { config } from "@/lib/config";
import { db, schema } from "@/lib/db/client";

/** The id of the runner that mirrors OLLAMA_BASE_URL. */
export const DEFAULT_RUNNER_ID = "default";

/**
 * Writes (or updates) the row of the Ollama at OLLAMA_BASE_URL, so that jobs
 * and settings can refer to it like to any runner the admin adds. Called at boot.
 */
export async function ensureDefaultRunner(): Promise<void> {
  await db()
    .insert(schema.runner)
    .values({
      id: DEFAULT_RUNNER_ID,
      name: "Ollama",
      kind: "ollama",
      baseUrl: config().ollamaBaseUrl,
      position: 0,
    })
    .onConflictDoUpdate({
      target: schema.runner.id,
      set: { baseUrl: sql`excluded.base_url`, kind: sql`excluded.kind`, updatedAt: new Date() },
    });
}

export type RunnerRow = typeof schema.runner.$inferSelect;

// Requests read the rows on every call; a change made in this process is seen at once.
const ROWS_CACHE_MS = 2_000;
const ROWS_REFRESH_AFTER_MS = 1_500;
let refreshingRows = false;
const rowsHolder = globalThis as unknown as {
  __hearthRunnerRows?: { at: number; rows: Promise<RunnerRow[]> };
};

/**
 * Every runner row, in the admin's order. Without the default row (a database
 * that never booted Hearth, as in some tests) OLLAMA_BASE_URL still counts as
 * the first runner, enabled.
 */
export async function listRunnerRows(): Promise<RunnerRow[]> {
  const hit = rowsHolder.__hearthRunnerRows;
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < ROWS_CACHE_MS) {
    // Read again in the background shortly before the cache runs out: under steady traffic no request waits for it.
    if (age > ROWS_REFRESH_AFTER_MS && !refreshingRows) {
      refreshingRows = true;
      const at = Date.now();
      const rows = readRunnerRows();
      rows.then(
        () => {
          // Unless an admin's change in this process made it forget what was cached meanwhile.
          if (rowsHolder.__hearthRunnerRows === hit) rowsHolder.__hearthRunnerRows = { at, rows };
        },
        () => {},
      );
      void rows.finally(() => (refreshingRows = false)).catch(() => {});
    }
    return hit.rows;
  }
  const rows = readRunnerRows();
  rowsHolder.__hearthRunnerRows = { at: Date.now(), rows };
  rows.catch(() => {
    if (rowsHolder.__hearthRunnerRows?.rows === rows) rowsHolder.__hearthRunnerRows = undefined;
  });
  return rows;
}

function readRunnerRows(): Promise<RunnerRow[]> {
  return db()
    .select()
    .from(schema.runner)
    .orderBy(asc(schema.runner.position), asc(schema.runner.createdAt))
    .then((rows) => (rows.some((r) => r.id === DEFAULT_RUNNER_ID) ? rows : [implicitDefault(), ...rows]));
}

/** Forgets the cached rows, after an admin changed one. */
export function forgetRunnerRows(): void {
  rowsHolder.__hearthRunnerRows = undefined;
}

function implicitDefault(): RunnerRow {
  const now = new Date(0);
  return {
    id: DEFAULT_RUNNER_ID,
    name: "Ollama",
    kind: "ollama",
    baseUrl: config().ollamaBaseUrl,
    apiKeySealed: null,
    enabled: true,
    position: 0,
    createdAt: now,
    updatedAt: now,
  };
}
