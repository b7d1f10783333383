import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { create as createTar } from "tar";
import { appliedMigrationLevel } from "@/lib/db/migration-level";
import {
  DATABASE_MEMBER,
  MANIFEST_NAME,
  SECRETS_MEMBER,
  UPLOADS_PREFIX,
  sha256File,
  type BackupManifest,
} from "./manifest";
import { pgDump } from "./pg-tools";

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * Writes a backup to `out` as a tar: a manifest (app version, migration
 * level, the checksum of every member), the database (pg_dump, custom
 * format), the uploads, and the secrets that decrypt what the database stores
 * (AUTH_SECRET and ENCRYPTION_KEY, as this process uses them). Whoever has
 * the backup has those secrets: keep it as private as the server.
 */
export async function createBackup(options: {
  databaseUrl: string;
  dataDir: string;
  appVersion: string;
  migrationsFolder: string;
  secrets: { authSecret: string; encryptionKey: string };
  out: NodeJS.WritableStream;
}): Promise<BackupManifest> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-backup-"));
  try {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    client.on("error", () => {});
    await client.connect();
    let schema: BackupManifest["schema"];
    let serverVersion: string;
    let serverMajor: number;
    try {
      const level = await appliedMigrationLevel(client, options.migrationsFolder);
      schema = { migrations: level.count, last: level.tag };
      const { rows } = await client.query<{ v: string; n: string }>(
        "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
      );
      serverVersion = rows[0]!.v;
      serverMajor = Math.floor(Number(rows[0]!.n) / 10_000);
    } finally {
      await client.end().catch(() => {});
    }

    await pgDump(options.databaseUrl, path.join(staging, DATABASE_MEMBER), serverMajor);
    fs.writeFileSync(path.join(staging, SECRETS_MEMBER), JSON.stringify(options.secrets, null, 2) + "\n", {
      mode: 0o600,
    });
    const uploadsDir = path.join(options.dataDir, "uploads");
    const uploads = filesUnder(uploadsDir);
    // The uploads are archived from where they are, through a link, not copied.
    if (uploads.length) fs.symlinkSync(uploadsDir, path.join(staging, UPLOADS_PREFIX.slice(0, -1)));

    const paths = [DATABASE_MEMBER, SECRETS_MEMBER, ...uploads.map((f) => UPLOADS_PREFIX + f)];
    const members: BackupManifest["members"] = [];
    for (const p of paths) members.push({ path: p, ...(await sha256File(path.join(staging, p))) });
    const manifest: BackupManifest = {
      format: "hearth-backup",
      formatVersion: 1,
      app: { name: "hearth", version: options.appVersion },
      createdAt: new Date().toISOString(),
      schema,
      database: { serverVersion, dumpFormat: "custom" },
      members,
    };
    fs.writeFileSync(path.join(staging, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + "\n", {
      mode: 0o600,
    });

    await pipeline(
      createTar({ cwd: staging, portable: true, follow: true, noDirRecurse: true }, [
        MANIFEST_NAME,
        ...paths,
      ]),
      options.out,
    );
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
