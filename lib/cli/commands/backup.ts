import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBackup } from "@/lib/backup/create-backup";
import { CliError, note } from "../cli-error";
import { cliConfig, migrationsFolder, withDatabase } from "../context";

export const usage = `hearth backup [--out FILE]
  Writes a backup (a tar: the database, the uploads, the secrets that decrypt stored
  keys, and a manifest with checksums) to FILE, or to stdout. It holds the instance's
  secrets: keep it as private as the server.`;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: "string", short: "o" } }, strict: true });
  if (!values.out && process.stdout.isTTY)
    throw new CliError(
      `The backup is binary: give --out FILE, or redirect it (hearth backup > hearth-backup.tar).`,
    );
  const config = cliConfig();
  const target = values.out ? path.resolve(values.out) : null;
  // Written beside the target and renamed at the end: a failed backup never looks like a good one.
  const partial = target ? `${target}.partial` : null;
  const out = partial ? fs.createWriteStream(partial, { mode: 0o600 }) : process.stdout;
  try {
    const manifest = await withDatabase(config, (databaseUrl) =>
      createBackup({
        databaseUrl,
        dataDir: config.dataDir,
        appVersion: config.version,
        migrationsFolder,
        secrets: { authSecret: config.authSecret, encryptionKey: config.encryptionKey.toString("base64") },
        out,
      }),
    );
    if (target && partial) {
      fs.chmodSync(partial, 0o600);
      fs.renameSync(partial, target);
    }
    const files = manifest.members.filter((m) => m.path.startsWith("uploads/")).length;
    note(
      `Backup written${target ? ` to ${target}` : ""}: the database (${manifest.schema.migrations} migrations, the last ` +
        `${manifest.schema.last}), ${files} uploaded file${files === 1 ? "" : "s"}, and the secrets. ` +
        `It holds the instance's secrets: keep it private.`,
    );
  } catch (err) {
    if (partial) fs.rmSync(partial, { force: true });
    throw err;
  }
}
