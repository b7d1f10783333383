import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

/** How far a database's schema has come: drizzle's applied-migration count and the last one's tag. */
export interface MigrationLevel {
  count: number;
  /** The last applied migration's tag ("0014_key_cache_notify"), null before the first. */
  tag: string | null;
}

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

/** The migrations this copy of Hearth ships (drizzle/meta/_journal.json), in order. */
export function knownMigrations(migrationsFolder: string): JournalEntry[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
  ) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/** The level this copy of Hearth migrates a database to. */
export function shippedMigrationLevel(migrationsFolder: string): MigrationLevel {
  const entries = knownMigrations(migrationsFolder);
  return { count: entries.length, tag: entries.at(-1)?.tag ?? null };
}

/**
 * The level of the database behind `client`, from drizzle's bookkeeping table
 * (one row per applied migration, stamped with the journal's `when`). A
 * migration this copy does not know is named by its timestamp.
 */
export async function appliedMigrationLevel(
  client: Pick<pg.ClientBase, "query">,
  migrationsFolder: string,
): Promise<MigrationLevel> {
  const { rows } = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists",
  );
  if (!rows[0]?.exists) return { count: 0, tag: null };
  const { rows: applied } = await client.query<{ n: number; last: string | null }>(
    "SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations",
  );
  const { n, last } = applied[0]!;
  if (!n || last === null) return { count: 0, tag: null };
  const known = knownMigrations(migrationsFolder).find((e) => String(e.when) === last);
  return { count: n, tag: known?.tag ?? `unknown migration of ${new Date(Number(last)).toISOString()}` };
}
