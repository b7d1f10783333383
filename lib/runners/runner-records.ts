import "server-only";
import { sql } from "drizzle-orm";
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
