import fs from "node:fs";
import { parseArgs } from "node:util";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { CliError, note } from "../cli-error";
import { cliConfig, migrationsFolder, withDatabase } from "../context";

export const usage = `hearth restore FILE|- [--force]
  Restores a backup made by \`hearth backup\` (from FILE, or stdin with -) into this
  install: checks every member's checksum, refuses a backup from a newer Hearth, and
  refuses a database that already has accounts unless --force (which replaces
  everything in it). Restart Hearth afterwards.`;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: "boolean", default: false } },
    allowPositionals: true,
    strict: true,
  });
  const source = positionals[0];
  if (!source || positionals.length > 1)
    throw new CliError(`Give one backup file, or - for stdin.\n\n${usage}`);
  if (source === "-" && process.stdin.isTTY)
    throw new CliError("Pipe the backup in: hearth restore - < hearth-backup.tar");
  if (source !== "-" && !fs.existsSync(source)) throw new CliError(`There is no file ${source}.`);
  const config = cliConfig();
  const result = await withDatabase(config, (databaseUrl) =>
    restoreBackup({
      input: source === "-" ? process.stdin : fs.createReadStream(source),
      databaseUrl,
      dataDir: config.dataDir,
      migrationsFolder,
      appVersion: config.version,
      force: values.force,
    }),
  );
  process.stdout.write(
    `Restored the backup of ${result.manifest.createdAt} (Hearth ${result.manifest.app.version}): the database and ` +
      `${result.files} uploaded file${result.files === 1 ? "" : "s"}. Restart Hearth so it uses the restored data and secrets.\n`,
  );
  // The environment wins over secrets.json: say so if it would hide the restored secrets.
  const after = cliConfig();
  if (after.encryptionKey.toString("base64") !== result.secrets.encryptionKey)
    note(
      "Warning: ENCRYPTION_KEY is set in the environment and differs from the backup's key, so the secrets stored in " +
        "the database (runner API keys and the like) cannot be decrypted. Unset it (the key is now in DATA_DIR/secrets.json) or set it to the backup's key.",
    );
  if (after.authSecret !== result.secrets.authSecret)
    note(
      "Note: AUTH_SECRET is set in the environment and differs from the backup's: everyone must sign in again.",
    );
}
