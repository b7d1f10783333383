import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { extract as extractTar } from "tar";
import { runMigrations } from "@/lib/db/migrate";
import { knownMigrations } from "@/lib/db/migration-level";
import { BackupError } from "./backup-error";
import {
  backupManifest,
  backupSecrets,
  DATABASE_MEMBER,
  isMemberPath,
  MANIFEST_NAME,
  SECRETS_MEMBER,
  sha256File,
  UPLOADS_PREFIX,
  type BackupManifest,
} from "./manifest";
import { pgRestore } from "./pg-tools";

export interface RestoreResult {
  manifest: BackupManifest;
  /** The restored secrets, for the caller to compare with what the environment sets. */
  secrets: { authSecret: string; encryptionKey: string };
  files: number;
}

/**
 * Restores a backup made by createBackup into this install: every member is
 * checked against the manifest first, a backup from a newer schema than this
 * copy of Hearth knows is refused, and a database that already has accounts is
 * refused unless `force`. Then, in this order, so a failure leaves the most
 * possible untouched: the database (one transaction, then migrated up to this
 * version), the uploads, and the secrets (DATA_DIR/secrets.json).
 */
export async function restoreBackup(options: {
  input: NodeJS.ReadableStream;
  databaseUrl: string;
  dataDir: string;
  migrationsFolder: string;
  appVersion: string;
  force: boolean;
}): Promise<RestoreResult> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  // Inside DATA_DIR, so the uploads move into place by rename, on the same file system.
  const staging = fs.mkdtempSync(path.join(options.dataDir, ".restore-"));
  try {
    const manifest = await unpack(options.input, staging);
    checkSchema(manifest, options.migrationsFolder, options.appVersion);
    const secrets = readSecrets(staging);

    await emptyDatabase(options.databaseUrl, options.force);
    try {
      await pgRestore(options.databaseUrl, path.join(staging, DATABASE_MEMBER));
    } catch (err) {
      // pg_restore ran in one transaction: the database is empty, so leave an empty install behind.
      await emptyDatabase(options.databaseUrl, true).catch(() => {});
      await runMigrations({
        databaseUrl: options.databaseUrl,
        migrationsFolder: options.migrationsFolder,
      }).catch(() => {});
      throw err;
    }
    await runMigrations({ databaseUrl: options.databaseUrl, migrationsFolder: options.migrationsFolder });

    const uploads = path.join(options.dataDir, "uploads");
    fs.rmSync(uploads, { recursive: true, force: true });
    const restoredUploads = path.join(staging, UPLOADS_PREFIX.slice(0, -1));
    if (fs.existsSync(restoredUploads)) fs.renameSync(restoredUploads, uploads);
    else fs.mkdirSync(uploads, { mode: 0o700 });
    fs.chmodSync(uploads, 0o700);

    writeSecrets(options.dataDir, secrets);
    const files = manifest.members.filter((m) => m.path.startsWith(UPLOADS_PREFIX)).length;
    return { manifest, secrets, files };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Extracts the archive into `dir` and checks it against its manifest: nothing missing, extra or altered. */
async function unpack(input: NodeJS.ReadableStream, dir: string): Promise<BackupManifest> {
  const refused: string[] = [];
  try {
    await pipeline(
      input,
      extractTar({
        cwd: dir,
        strict: true,
        // Files with our names only: no links, devices, or paths that climb out.
        filter: (p, entry) => {
          const name = p.replace(/^\.\//, "").replace(/\/$/, "");
          const type = "type" in entry ? entry.type : "File";
          if (type === "Directory" && (name === "uploads" || isMemberPath(name))) return true;
          if (type === "File" && isMemberPath(name)) return true;
          refused.push(name);
          return false;
        },
        // Members are written private; the uploads and secrets must never be readable by others.
        dmode: 0o700,
        fmode: 0o600,
      }),
    );
  } catch (err) {
    throw new BackupError(
      `This is not a readable Hearth backup (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
  if (refused.length)
    throw new BackupError(
      `This backup has members a Hearth backup never has: ${refused.slice(0, 5).join(", ")}.`,
    );

  let manifest: BackupManifest;
  try {
    manifest = backupManifest.parse(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_NAME), "utf8")));
  } catch {
    throw new BackupError(
      "This is not a Hearth backup: its manifest.json is missing or not one Hearth writes.",
    );
  }
  const listed = new Set(manifest.members.map((m) => m.path));
  for (const required of [DATABASE_MEMBER, SECRETS_MEMBER])
    if (!listed.has(required)) throw new BackupError(`This backup's manifest does not list ${required}.`);
  for (const member of manifest.members) {
    if (!isMemberPath(member.path))
      throw new BackupError(
        `This backup's manifest lists ${member.path}, which is not a member name Hearth writes.`,
      );
    const file = path.join(dir, member.path);
    if (!fs.existsSync(file)) throw new BackupError(`This backup is incomplete: ${member.path} is missing.`);
    const actual = await sha256File(file);
    if (actual.sha256 !== member.sha256 || actual.bytes !== member.bytes)
      throw new BackupError(
        `This backup is damaged or was altered: ${member.path} does not match its checksum. Nothing was restored.`,
      );
  }
  const present = fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((p) => p !== MANIFEST_NAME && !listed.has(p));
  if (present.length)
    throw new BackupError(
      `This backup has members its manifest does not list: ${present.slice(0, 5).join(", ")}.`,
    );
  return manifest;
}

/** Refuses a backup whose database is at a migration this copy of Hearth does not have. */
function checkSchema(manifest: BackupManifest, migrationsFolder: string, appVersion: string) {
  const known = knownMigrations(migrationsFolder);
  const last = known.at(-1)?.tag ?? "none";
  const newer =
    manifest.schema.migrations > known.length ||
    (manifest.schema.last !== null && !known.some((m) => m.tag === manifest.schema.last));
  if (newer)
    throw new BackupError(
      `This backup comes from a newer Hearth (version ${manifest.app.version}, schema ${manifest.schema.last}, ` +
        `${manifest.schema.migrations} migrations) than this one (version ${appVersion}, ` +
        `schema ${last}, ${known.length} migrations). Upgrade Hearth first, then restore. Nothing was restored.`,
    );
}

function readSecrets(dir: string) {
  const parsed = backupSecrets.safeParse(JSON.parse(fs.readFileSync(path.join(dir, SECRETS_MEMBER), "utf8")));
  if (!parsed.success) throw new BackupError("This backup's secrets.json is not one Hearth writes.");
  return parsed.data;
}

/**
 * A database with no accounts is an empty install (a fresh one has run its
 * migrations already): it is cleared and restored into. One with accounts is
 * only replaced when asked to (`--force`).
 */
async function emptyDatabase(databaseUrl: string, force: boolean) {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SET client_min_messages TO warning");
    const { rows } = await client.query<{ users: number | null }>(
      `SELECT CASE WHEN to_regclass('public."user"') IS NULL THEN NULL
              ELSE (SELECT count(*)::int FROM (SELECT 1 FROM "user" LIMIT 1) AS one) END AS users`,
    );
    const users = rows[0]?.users ?? 0;
    if (users > 0 && !force)
      throw new BackupError(
        "This database already has accounts. Restore into a fresh install, or add --force to replace everything in it with the backup.",
      );
    await client.query("BEGIN");
    await client.query("DROP SCHEMA IF EXISTS drizzle CASCADE");
    // The webhook queue's own schema (graphile-worker) is in the dump too.
    await client.query("DROP SCHEMA IF EXISTS graphile_worker CASCADE");
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/** DATA_DIR/secrets.json with the backup's secrets; this install's embedded-database password stays. */
function writeSecrets(dataDir: string, secrets: { authSecret: string; encryptionKey: string }) {
  const file = path.join(dataDir, "secrets.json");
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    /* none yet, or unreadable: the server generates what is missing */
  }
  const next = {
    ...current,
    authSecret: secrets.authSecret,
    encryptionKey: secrets.encryptionKey,
    embeddedDatabasePassword:
      typeof current.embeddedDatabasePassword === "string"
        ? current.embeddedDatabasePassword
        : randomBytes(24).toString("base64url"),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}
