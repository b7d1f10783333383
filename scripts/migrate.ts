/** `npm run db:migrate`: applies pending migrations to DATABASE_URL and exits. */
import { ConfigError, loadConfig } from "../lib/config/load";
import { MigrationError, runMigrations } from "../lib/db/migrate";

try {
  const config = loadConfig(process.env);
  if (!config.databaseUrl)
    throw new ConfigError("Invalid configuration: DATABASE_URL must be set to migrate");
  await runMigrations({ databaseUrl: config.databaseUrl });
} catch (err) {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
