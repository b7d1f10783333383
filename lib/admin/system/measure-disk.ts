import "server-only";
import fs from "node:fs/promises";
import { sql } from "drizzle-orm";
import { config } from "@/lib/config";
import { db, schema } from "@/lib/db/client";
import type { DiskStatus } from "@/lib/shared/admin-system";
import { within } from "./probe";

/**
 * Uploads: the sum of the sizes recorded in the `file` table (one query,
 * however many files; a directory walk would stat each, and would count
 * half-finished uploads that are nobody's yet). Free space: statfs on
 * DATA_DIR's file system. Each part under the probes' deadline.
 */
export async function measureDisk(): Promise<DiskStatus> {
  const [uploads, fsStats] = await Promise.all([
    within(
      db()
        .select({
          bytes: sql<string>`coalesce(sum(${schema.file.size}), 0)::text`,
          files: sql<number>`count(*)::int`,
        })
        .from(schema.file)
        .then(([row]) => ({ bytes: Number(row?.bytes ?? 0), files: row?.files ?? 0 })),
      { bytes: 0, files: 0 },
    ),
    within(fs.statfs(config().dataDir), null),
  ]);
  return {
    uploadsBytes: uploads.bytes,
    uploadsFiles: uploads.files,
    totalBytes: fsStats ? fsStats.blocks * fsStats.bsize : null,
    // What an unprivileged process may still write (bavail), as `df` shows it.
    freeBytes: fsStats ? fsStats.bavail * fsStats.bsize : null,
  };
}
