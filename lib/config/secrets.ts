import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What first boot generates and every later boot reuses. */
export interface StoredSecrets {
  authSecret: string;
  /** 32 bytes, base64. */
  encryptionKey: string;
  /** Password of the embedded PostgreSQL superuser (unused with DATABASE_URL). */
  embeddedDatabasePassword: string;
}

function generate(): StoredSecrets {
  return {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
    embeddedDatabasePassword: randomBytes(24).toString("base64url"),
  };
}

function isStoredSecrets(value: unknown): value is StoredSecrets {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.authSecret === "string" &&
    typeof v.encryptionKey === "string" &&
    typeof v.embeddedDatabasePassword === "string"
  );
}

export class SecretsFileError extends Error {}

/**
 * Reads DATA_DIR/secrets.json, creating it (mode 0600) on first boot.
 * Creation goes through a temp file and link(2), which fails if the target
 * exists, so two processes booting at once end up with the same secrets.
 */
export function readOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, "secrets.json");
  const existing = readSecretsFile(file);
  if (existing) return existing;

  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(generate(), null, 2) + "\n", { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const created = readSecretsFile(file);
  if (!created) throw new SecretsFileError(`could not read back ${file}`);
  return created;
}

function readSecretsFile(file: string): StoredSecrets | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SecretsFileError(
      `${file} is not valid JSON; fix it or delete it to generate new secrets (existing sessions will end)`,
    );
  }
  if (!isStoredSecrets(parsed)) {
    throw new SecretsFileError(
      `${file} is missing fields; delete it to generate new secrets (existing sessions will end)`,
    );
  }
  // Keep the file private even if someone loosened it by hand.
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } catch {
    /* read-only volume: reading is what matters */
  }
  return parsed;
}
