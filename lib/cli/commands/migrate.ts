import { parseArgs } from "node:util";
import pg from "pg";
import { runMigrations } from "@/lib/db/migrate";
import { appliedMigrationLevel } from "@/lib/db/migration-level";
import { cliConfig, migrationsFolder, withDatabase } from "../context";

export const usage = `hearth migrate
  Applies pending database migrations (under the same lock the server takes), then prints the level.`;

export async function run(args: string[]): Promise<void> {
  parseArgs({ args, strict: true });
  await withDatabase(cliConfig(), async (databaseUrl) => {
    await runMigrations({ databaseUrl, migrationsFolder });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const level = await appliedMigrationLevel(client, migrationsFolder);
      process.stdout.write(`The database is up to date: ${level.count} migrations, the last ${level.tag}.\n`);
    } finally {
      await client.end();
    }
  });
}
