/**
 * Throwaway PostgreSQL for tests. Starts a private cluster from the machine's
 * binaries (initdb + pg_ctl, as the `postgres` user when running as root) in a
 * temp dir on a free port, or uses the server at TEST_DATABASE_URL. Each test
 * file gets a fresh database, marked by a comment; the harness refuses to work
 * on any database that does not carry its mark.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const MARK = "hearth-test-harness";
const PREFIX = "hearth_test_";

export interface TestCluster {
  /** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  stop: () => Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  // The test harness, like config, is allowed to read its own variable.
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: async () => {} };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-pg-"));
  const dataDir = path.join(dir, "data");
  const asRoot = os.userInfo().uid === 0;
  let runAs: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    fs.chownSync(dir, uid, gid);
    runAs = { uid, gid };
  }
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { ...runAs, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout || r.error?.message}`);
  };
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  const port = await freePort();
  run("pg_ctl", [
    "-D",
    dataDir,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    // Durability is pointless for throwaway data; speed is not.
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
    "start",
  ]);
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      spawnSync("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"], { ...runAs, encoding: "utf8" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh, marked database and returns its URL. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `${PREFIX}${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
    await client.query(`COMMENT ON DATABASE ${name} IS '${MARK}'`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await assertHarnessDatabase(url.toString());
  return url.toString();
}

/** Throws unless the URL names a database this harness created. */
export async function assertHarnessDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; mark: string | null }>(
      `SELECT current_database() AS name,
              shobj_description((SELECT oid FROM pg_database WHERE datname = current_database()), 'pg_database') AS mark`,
    );
    const row = rows[0];
    if (!row || !row.name.startsWith(PREFIX) || row.mark !== MARK) {
      throw new Error(`refusing to use database "${row?.name}": the test harness did not create it`);
    }
  } finally {
    await client.end();
  }
}

export async function dropTestDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  await assertHarnessDatabase(databaseUrl);
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
