import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { startHearthServer } from "../support/hearth-server";
import { createTestDatabase } from "../support/pg-harness";
import { query } from "../support/query";

/**
 * An upgrade whose migration cannot apply (here: the database already has a
 * table the first migration creates) leaves the database as it was, and the
 * real server exits non-zero with the reason in one line instead of serving.
 */
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-badmig-"));
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it("exits 1 with one line naming the reason, the database untouched", async () => {
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  await query(databaseUrl, `CREATE TABLE "user" (nickname text)`);
  await query(databaseUrl, `INSERT INTO "user" VALUES ('kept')`);
  const tablesBefore = await query<{ name: string }>(
    databaseUrl,
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );

  const logs = path.join(dataDir, "out.log");
  const fd = fs.openSync(logs, "w");
  const failed = await startHearthServer({
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, OLLAMA_BASE_URL: "http://127.0.0.1:9" },
    stdio: ["ignore", fd, fd],
    timeoutMs: 60_000,
  }).then(
    () => null,
    (err: Error) => err,
  );
  fs.closeSync(fd);
  expect(failed?.message).toBe("Hearth exited with code 1 before it was healthy");

  const output = fs.readFileSync(logs, "utf8");
  const reasons = output.split("\n").filter((line) => /migration/i.test(line));
  expect(reasons).toEqual(['Database migration failed, nothing was changed: relation "user" already exists']);
  expect(output).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  expect(output).not.toContain(databaseUrl);

  // Nothing of the migrations was applied: the same tables, the row still there.
  expect(
    await query<{ name: string }>(
      databaseUrl,
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    ),
  ).toEqual(tablesBefore);
  expect(await query(databaseUrl, `SELECT nickname FROM "user"`)).toEqual([{ nickname: "kept" }]);
  const [applied] = await query<{ n: number }>(
    databaseUrl,
    `SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  );
  expect(applied!.n).toBe(0);
});
