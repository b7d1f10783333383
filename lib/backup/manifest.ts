import { createHash } from "node:crypto";
import fs from "node:fs";
import { z } from "zod";

export const MANIFEST_NAME = "manifest.json";
export const DATABASE_MEMBER = "database.dump";
export const SECRETS_MEMBER = "secrets.json";
export const UPLOADS_PREFIX = "uploads/";

/** What a backup holds and how to check it; the archive's first member. */
export const backupManifest = z.object({
  format: z.literal("hearth-backup"),
  formatVersion: z.literal(1),
  app: z.object({ name: z.literal("hearth"), version: z.string() }),
  createdAt: z.string(),
  /** The database's migration level when it was dumped. */
  schema: z.object({ migrations: z.number().int().min(0), last: z.string().nullable() }),
  database: z.object({ serverVersion: z.string(), dumpFormat: z.literal("custom") }),
  members: z.array(
    z.object({
      path: z.string(),
      bytes: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof backupManifest>;

/** The secrets a backup carries: without the encryption key, the secrets stored in the database are useless. */
export const backupSecrets = z.object({ authSecret: z.string().min(32), encryptionKey: z.string() });

/** A member's path is one of ours, relative, with no way out of the folder it is restored into. */
export function isMemberPath(p: string): boolean {
  if (p === DATABASE_MEMBER || p === SECRETS_MEMBER || p === MANIFEST_NAME) return true;
  if (!p.startsWith(UPLOADS_PREFIX) || p.length === UPLOADS_PREFIX.length) return false;
  return p.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

export function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    let bytes = 0;
    fs.createReadStream(file)
      .on("data", (chunk: Buffer | string) => {
        bytes += Buffer.byteLength(chunk);
        hash.update(chunk);
      })
      .on("error", reject)
      .on("end", () => resolve({ sha256: hash.digest("hex"), bytes }));
  });
}
