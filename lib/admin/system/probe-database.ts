import "server-only";
import { pool } from "@/lib/db/client";
import type { DatabaseStatus } from "@/lib/shared/admin-system";
import { probe } from "./probe";

/** PostgreSQL's version and the database's size, timed as one round trip. */
export async function probeDatabase(): Promise<DatabaseStatus> {
  const checked = await probe(async () => {
    const { rows } = await pool().query<{ version: string; size: string }>(
      "SELECT current_setting('server_version') AS version, pg_database_size(current_database())::text AS size",
    );
    // "15.8 (Debian 15.8-0+deb12u1)": the number is what an admin compares.
    return { version: rows[0]!.version.split(" ")[0]!, sizeBytes: Number(rows[0]!.size) };
  });
  const { result, ...status } = checked;
  return { ...status, version: result?.version ?? null, sizeBytes: result?.sizeBytes ?? null };
}
