import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { query } from "../support/query";
import { describe, expect, inject, it } from "vitest";
import { MigrationError, runMigrations } from "@/lib/db/migrate";
import { createTestDatabase } from "../support/pg-harness";
import { tempDir } from "../support/temp";

const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as {
  entries: { tag: string; when: number }[];
};

const appliedCount = async (url: string) =>
  Number((await query<{ n: string }>(url, "SELECT count(*) AS n FROM drizzle.__drizzle_migrations"))[0]!.n);

const tableExists = async (url: string, name: string) =>
  (await query<{ t: string | null }>(url, `SELECT to_regclass('public.${name}') AS t`))[0]!.t !== null;

function migrateInChildProcess(
  databaseUrl: string,
  dataDir: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("migrations", () => {
  it("apply once when several processes boot at the same moment", async () => {
    const url = await createTestDatabase(inject("pgAdminUrl"));
    const dataDir = tempDir("mig");
    const results = await Promise.all([
      migrateInChildProcess(url, dataDir),
      migrateInChildProcess(url, dataDir),
      migrateInChildProcess(url, dataDir),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(results.map((r) => r.stderr).join("")).toBe("");
    expect(await appliedCount(url)).toBe(journal.entries.length);
    for (const table of ["user", "session", "account", "verification", "rate_limit"]) {
      expect(await tableExists(url, table)).toBe(true);
    }
  });

  it("are serialised by the lock within one process too, and a re-run is a no-op", async () => {
    const url = await createTestDatabase(inject("pgAdminUrl"));
    await Promise.all(Array.from({ length: 5 }, () => runMigrations({ databaseUrl: url })));
    await runMigrations({ databaseUrl: url });
    expect(await appliedCount(url)).toBe(journal.entries.length);
  });

  it("leave the database exactly as it was when one fails, and say so clearly", async () => {
    const url = await createTestDatabase(inject("pgAdminUrl"));
    await runMigrations({ databaseUrl: url });

    // A copy of the real migrations plus a new one that half-succeeds.
    const folder = tempDir("badmig");
    fs.cpSync("drizzle", folder, { recursive: true });
    const last = journal.entries.at(-1)!;
    const tag = "9999_broken";
    fs.writeFileSync(
      path.join(folder, `${tag}.sql`),
      `CREATE TABLE "half_done" (id int);\n--> statement-breakpoint\nALTER TABLE "user" ADD COLUMN "nickname" text;\n--> statement-breakpoint\nSELECT * FROM "no_such_table";`,
    );
    fs.writeFileSync(
      path.join(folder, "meta/_journal.json"),
      JSON.stringify({
        ...journal,
        entries: [...journal.entries, { ...last, idx: 99, tag, when: last.when + 1 }],
      }),
    );

    const failing = runMigrations({ databaseUrl: url, migrationsFolder: folder });
    await expect(failing).rejects.toBeInstanceOf(MigrationError);
    await expect(runMigrations({ databaseUrl: url, migrationsFolder: folder })).rejects.toThrow(
      /Database migration failed, nothing was changed: relation "no_such_table" does not exist/,
    );
    expect(await tableExists(url, "half_done")).toBe(false);
    const columns = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'user'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain("nickname");
    expect(await appliedCount(url)).toBe(journal.entries.length);
  });
});
