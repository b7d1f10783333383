/**
 * `hearth backup` and `hearth restore`, the real CLI on a real PostgreSQL:
 * an install filled through the app's own code is backed up, restored into a
 * fresh database and a fresh DATA_DIR, and everything comes back there: the
 * account signs in, the chat reads, the file downloads byte for byte, the API
 * key answers on /v1, and the runner key encrypted at rest decrypts. A
 * tampered member and a backup from a newer schema are refused, as is a
 * database that already has accounts.
 */
import fs from "node:fs";
import path from "node:path";
import { create as createTar, extract as extractTar } from "tar";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { runMigrations } from "@/lib/db/migrate";
import { Browser } from "../support/auth-client";
import { gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { runHearth } from "../support/hearth-cli";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase } from "../support/pg-harness";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";
import { tempDir } from "../support/temp";

interface Seeded {
  email: string;
  password: string;
  userId: string;
  chatId: string;
  fileId: string;
  fileBase64: string;
  apiKey: string;
  runnerKey: string;
}

const TABLES = ["user", "account", "chat", "message", "file", "api_key", "runner"];
let sim: OllamaSim;
let source: { databaseUrl: string; dataDir: string };
let target: TestApp;
let seeded: Seeded;
let backupFile: string;

const envOf = (install: { databaseUrl: string; dataDir: string }) => ({
  DATABASE_URL: install.databaseUrl,
  DATA_DIR: install.dataDir,
  OLLAMA_BASE_URL: sim.url,
  ENCRYPTION_KEY: undefined,
  AUTH_SECRET: undefined,
});

async function counts(databaseUrl: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES)
    out[t] = Number((await query(databaseUrl, `SELECT count(*) AS n FROM "${t}"`))[0]!.n);
  return out;
}

/** A fresh, migrated install that nobody has signed up to: what `docker compose up` makes. */
async function freshInstall() {
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  await runMigrations({ databaseUrl });
  return { databaseUrl, dataDir: tempDir("restore-target") };
}

/** Rewrites a backup, letting `change` alter its unpacked members. */
async function alteredBackup(change: (dir: string) => void): Promise<string> {
  const dir = tempDir("altered");
  await extractTar({ file: backupFile, cwd: dir });
  change(dir);
  const out = path.join(tempDir("altered-out"), "backup.tar");
  const members = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const names = members.map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  await createTar({ file: out, cwd: dir, portable: true }, [
    "manifest.json",
    ...names.filter((n) => n !== "manifest.json"),
  ]);
  return out;
}

beforeAll(async () => {
  sim = await startOllamaSim();
  source = { databaseUrl: await createTestDatabase(inject("pgAdminUrl")), dataDir: tempDir("source") };
  await runMigrations({ databaseUrl: source.databaseUrl });
  // The app in this process is pointed at the restore target; nothing of it loads before the restore.
  target = await setupTestApp({ OLLAMA_BASE_URL: sim.url });

  const seed = await runHearth([], { env: envOf(source), script: "tests/support/seed-backup-source.ts" });
  expect(seed.code, seed.stderr).toBe(0);
  seeded = JSON.parse(seed.stdout.toString()) as Seeded;

  backupFile = path.join(tempDir("backup"), "hearth-backup.tar");
  const backup = await runHearth(["backup", "--out", backupFile], { env: envOf(source) });
  expect(backup.code, backup.stderr).toBe(0);
}, 240_000);

afterAll(() => sim?.close());

describe("hearth backup", () => {
  it("writes a private tar: manifest first, the database dump, the secrets, every upload, each with its checksum", async () => {
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    const entries: string[] = [];
    await extractTar({ file: backupFile, cwd: tempDir("list"), onReadEntry: (e) => entries.push(e.path) });
    expect(entries[0]).toBe("manifest.json");
    const dir = tempDir("inspect");
    await extractTar({ file: backupFile, cwd: dir });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as {
      app: { version: string };
      schema: { migrations: number; last: string };
      members: { path: string; sha256: string }[];
    };
    const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as {
      entries: { tag: string }[];
    };
    expect(manifest.schema).toEqual({
      migrations: journal.entries.length,
      last: journal.entries.at(-1)!.tag,
    });
    expect(manifest.members.map((m) => m.path).sort()).toEqual(
      [
        "database.dump",
        "secrets.json",
        `uploads/${fs.readdirSync(path.join(source.dataDir, "uploads"))[0]}`,
      ].sort(),
    );
    // The key that decrypts stored secrets travels with the data it decrypts.
    const sourceSecrets = JSON.parse(fs.readFileSync(path.join(source.dataDir, "secrets.json"), "utf8")) as {
      encryptionKey: string;
    };
    const secrets = JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8")) as {
      encryptionKey: string;
    };
    expect(Buffer.from(secrets.encryptionKey, "base64")).toEqual(
      Buffer.from(sourceSecrets.encryptionKey, "base64"),
    );
  });
});

describe("hearth restore", () => {
  it("refuses a backup with a tampered member, and leaves the install as it was", async () => {
    const tampered = await alteredBackup((dir) => {
      const upload = fs.readdirSync(path.join(dir, "uploads"))[0]!;
      const file = path.join(dir, "uploads", upload);
      const bytes = fs.readFileSync(file);
      bytes[10] = bytes[10]! ^ 0xff;
      fs.writeFileSync(file, bytes);
    });
    const install = await freshInstall();
    const run = await runHearth(["restore", tampered], { env: envOf(install) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/damaged or was altered: uploads\/.+ does not match its checksum/);
    expect(await counts(install.databaseUrl)).toMatchObject({ user: 0, chat: 0 });
  }, 120_000);

  it("refuses a backup from a newer schema than this Hearth knows, with the reason", async () => {
    const newer = await alteredBackup((dir) => {
      const file = path.join(dir, "manifest.json");
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
        schema: { migrations: number; last: string };
      };
      manifest.schema = { migrations: manifest.schema.migrations + 1, last: "9999_from_the_future" };
      fs.writeFileSync(file, JSON.stringify(manifest));
    });
    const install = await freshInstall();
    const run = await runHearth(["restore", newer], { env: envOf(install) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/comes from a newer Hearth .*9999_from_the_future.*Upgrade Hearth first/s);
    expect(await counts(install.databaseUrl)).toMatchObject({ user: 0 });
  }, 120_000);

  it("restores a backup piped through stdout and stdin into a fresh install: every user, chat, file and key comes back", async () => {
    // `docker compose exec app hearth backup > hearth-backup.tar`, then `hearth restore - < hearth-backup.tar`.
    const piped = await runHearth(["backup"], { env: envOf(source) });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout.subarray(0, 13).toString()).toBe("manifest.json");
    expect(piped.stderr).toMatch(/keep it private/);
    const run = await runHearth(["restore", "-"], { env: envOf(target), input: piped.stdout });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.toString()).toMatch(/Restored the backup .* 1 uploaded file\. Restart Hearth/);
    expect(await counts(target.databaseUrl)).toEqual(await counts(source.databaseUrl));
    expect(fs.statSync(path.join(target.dataDir, "secrets.json")).mode & 0o777).toBe(0o600);

    // The app of this process, loading its settings now, reads the restored install.
    const browser = new Browser();
    expect((await browser.signIn(seeded.email, seeded.password)).status).toBe(200);
    const chat = await browser.get(`/api/chats/${seeded.chatId}`);
    expect(chat.status).toBe(200);
    expect(JSON.stringify(await chat.json())).toContain("Question 1");
    const file = await browser.get(`/api/files/${seeded.fileId}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from(seeded.fileBase64, "base64"));

    const f = await gatewayFetch();
    const models = await f(`${GATEWAY_BASE}/models`, {
      headers: { authorization: `Bearer ${seeded.apiKey}` },
    });
    expect(models.status).toBe(200);

    const { decryptSecret } = await import("@/lib/crypto/secret-box");
    const [runner] = await query(
      target.databaseUrl,
      `SELECT api_key_sealed FROM runner WHERE name = 'Remote runner'`,
    );
    expect(decryptSecret(runner!.api_key_sealed as string)).toBe(seeded.runnerKey);
  }, 120_000);

  it("refuses to restore over a database that has accounts, and replaces it with --force", async () => {
    const run = await runHearth(["restore", backupFile], { env: envOf(target) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already has accounts.*--force/s);
    expect((await counts(target.databaseUrl)).user).toBe(1);

    // With --force the install is replaced by the backup: a chat made since is gone, the backup's is back.
    await query(target.databaseUrl, `DELETE FROM chat WHERE id = $1`, [seeded.chatId]);
    const forced = await runHearth(["restore", backupFile, "--force"], { env: envOf(target) });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await counts(target.databaseUrl)).toEqual(await counts(source.databaseUrl));
  }, 180_000);
});
