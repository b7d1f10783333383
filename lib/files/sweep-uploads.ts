import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { and, inArray, isNull, lt } from "drizzle-orm";
import { db, schema } from "@/lib/db/client";
import { incomingDir, uploadsDir } from "./save-upload";

/** An upload no message refers to is kept this long, so it can still be sent. */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes uploads no message refers to once they are older than a day: the
 * rows never sent with a message, and their files; files on disk with no row
 * (their message was deleted, or the process died mid-upload). Returns how
 * many of each were removed.
 */
export async function sweepUploads(input: { now?: Date } = {}): Promise<{ rows: number; files: number }> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - UNATTACHED_UPLOAD_TTL_MS);
  const f = schema.file;
  // A file being attached right now is updated under a row lock; the delete
  // then sees its message id and leaves it.
  const deleted = await db()
    .delete(f)
    .where(and(isNull(f.messageId), lt(f.createdAt, cutoff)))
    .returning({ storageName: f.storageName });
  for (const { storageName } of deleted) await fs.rm(path.join(uploadsDir(), storageName), { force: true });

  let files = deleted.length;
  for (const dir of [uploadsDir(), incomingDir()]) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const old: string[] = [];
    for (const name of names) {
      const stat = await fs.stat(path.join(dir, name)).catch(() => null);
      if (stat?.isFile() && stat.mtime < cutoff) old.push(name);
    }
    const known = new Set<string>();
    if (dir === uploadsDir()) {
      for (let i = 0; i < old.length; i += 1000) {
        const rows = await db()
          .select({ storageName: f.storageName })
          .from(f)
          .where(inArray(f.storageName, old.slice(i, i + 1000)));
        for (const row of rows) known.add(row.storageName);
      }
    }
    for (const name of old) {
      if (known.has(name)) continue;
      await fs.rm(path.join(dir, name), { force: true });
      files++;
    }
  }
  return { rows: deleted.length, files };
}
