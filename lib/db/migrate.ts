import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Logger, runMigrations as installJobQueue } from "graphile-worker";
import pg from "pg";

// Any fixed 64-bit number; every Hearth process takes the same lock.
const MIGRATION_LOCK = 7_246_871_002;

// graphile-worker logs each of its migrations to the console; Hearth reports failures itself.
const silentLogger = new Logger(() => () => {});

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies the committed migrations under `drizzle/`. Holds a session-level
 * advisory lock for the whole run, so processes booting together take turns,
 * and drizzle applies pending migrations in one transaction, so a failure
 * leaves the database as it was.
 */
export async function runMigrations(options: {
  databaseUrl: string;
  migrationsFolder?: string;
}): Promise<void> {
  const migrationsFolder = options.migrationsFolder ?? path.join(process.cwd(), "drizzle");
  const client = new pg.Client({ connectionString: options.databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    // Keep the server's notices (e.g. "schema already exists") out of stdout.
    await client.query("SET client_min_messages TO warning");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
      // The job queue (graphile_worker schema) that delivers webhooks; app code enqueues in SQL.
      await installJobQueue({ connectionString: options.databaseUrl, logger: silentLogger });
    } catch (err) {
      const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause : err) : undefined;
      throw new MigrationError(
        `Database migration failed, nothing was changed: ${cause?.message ?? String(err)}`,
        { cause: err },
      );
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
