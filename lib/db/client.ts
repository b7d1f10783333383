import "server-only";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;

interface Handles {
  pool: pg.Pool;
  db: Database;
}

// One pool per process; kept on globalThis so dev-mode reloads reuse it.
const holder = globalThis as unknown as { __hearthDb?: Handles };

function handles(): Handles {
  if (holder.__hearthDb) return holder.__hearthDb;
  const url = config().databaseUrl;
  if (!url) {
    throw new AppError(
      "unavailable",
      "No database is configured. Start Hearth with `npm start` (embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process.
  pool.on("error", () => {});
  holder.__hearthDb = { pool, db: drizzle(pool, { schema }) };
  return holder.__hearthDb;
}

export function db(): Database {
  return handles().db;
}

export function pool(): pg.Pool {
  return handles().pool;
}

export { schema };
