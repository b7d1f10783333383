import "server-only";
import { sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

interface Handles {
  pool: pg.Pool;
  db: Database;
}

// One pool per process; kept on globalThis so dev-mode reloads reuse it.
const holder = globalThis as unknown as { __hearthDb?: Handles; __hearthCounters?: pg.Pool };

function databaseUrl(): string {
  const url = config().databaseUrl;
  if (!url) {
    throw new AppError(
      "unavailable",
      "No database is configured. Start Hearth with `npm start` (embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

/** A pool of the app's connections: `max` of them, and any connection options. */
function newPool(max: number, options?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max,
    idleTimeoutMillis: 30_000,
    // PostgreSQL cancels any statement of the app's pools after this long
    // (DATABASE_STATEMENT_TIMEOUT_MS), so no request holds the database for a
    // minute. Migrations use their own connection; long work a person asked
    // for raises it with withStatementTimeout.
    statement_timeout: config().statementTimeoutMs,
    ...(options ? { options } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on("error", () => {});
  return pool;
}

function handles(): Handles {
  if (holder.__hearthDb) return holder.__hearthDb;
  const pool = newPool(10);
  holder.__hearthDb = { pool, db: drizzle(pool, { schema }) };
  return holder.__hearthDb;
}

export function db(): Database {
  return handles().db;
}

export function pool(): pg.Pool {
  return handles().pool;
}

/**
 * A small pool for the rate limiter's counters, whose commits do not wait for
 * the write-ahead log to reach the disk (synchronous_commit off): a limited
 * request costs one round trip without an fsync (about a millisecond here).
 * Every other process sees a count as soon as it is committed, so limits stay
 * exact across processes; only a crash of PostgreSQL itself may forget the
 * last fraction of a second of counts. Nothing else may use it.
 */
export function counterPool(): pg.Pool {
  holder.__hearthCounters ??= newPool(3, "-c synchronous_commit=off");
  return holder.__hearthCounters;
}

/**
 * Runs `work` in a transaction whose statements may take up to `ms` (0: no
 * limit) instead of the pool's DATABASE_STATEMENT_TIMEOUT_MS: for long work a
 * person asked for, such as a full export or an admin's clean-up, or for a
 * shorter budget.
 */
export async function withStatementTimeout<T>(ms: number, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db().transaction(async (tx) => {
    await tx.execute(
      sql`SELECT set_config('statement_timeout', ${String(Math.max(0, Math.round(ms)))}, true)`,
    );
    return work(tx);
  });
}

export { schema };
