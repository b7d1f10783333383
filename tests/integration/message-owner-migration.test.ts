import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { runMigrations } from "@/lib/db/migrate";
import { createTestDatabase } from "../support/pg-harness";
import { query } from "../support/query";
import { tempDir } from "../support/temp";

const OWNER_MIGRATION = "0009_message_user_search";

/** A copy of drizzle/ that stops before `tag`: the schema an existing installation has. */
function migrationsBefore(tag: string): string {
  const dir = tempDir("migrations");
  fs.cpSync("drizzle", dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/**
 * A database owned by an ordinary role (no superuser), as on a managed
 * PostgreSQL: the migration must still be able to create btree_gin.
 */
async function databaseOwnedByOrdinaryRole(): Promise<string> {
  const adminDbUrl = await createTestDatabase(inject("pgAdminUrl"));
  const role = `hearth_owner_${randomBytes(4).toString("hex")}`;
  const name = new URL(adminDbUrl).pathname.slice(1);
  await query(inject("pgAdminUrl"), `CREATE ROLE ${role} LOGIN NOSUPERUSER`);
  await query(inject("pgAdminUrl"), `ALTER DATABASE ${name} OWNER TO ${role}`);
  const url = new URL(adminDbUrl);
  url.username = role;
  return url.toString();
}

describe("the message owner migration", () => {
  it("gives existing messages their chat's owner, and every later insert too, as a non-superuser owner", async () => {
    const url = await databaseOwnedByOrdinaryRole();
    await runMigrations({ databaseUrl: url, migrationsFolder: migrationsBefore(OWNER_MIGRATION) });
    await query(
      url,
      `INSERT INTO "user" (id, name, email) VALUES ('ann', 'Ann', 'ann@example.com'), ('bo', 'Bo', 'bo@example.com')`,
    );
    const [annChat] = await query<{ id: string }>(
      url,
      `INSERT INTO chat (user_id) VALUES ('ann') RETURNING id`,
    );
    const [boChat] = await query<{ id: string }>(
      url,
      `INSERT INTO chat (user_id) VALUES ('bo') RETURNING id`,
    );
    await query(
      url,
      `INSERT INTO message (chat_id, role, content) VALUES ($1, 'user', 'old lighthouse'), ($2, 'user', 'old lighthouse')`,
      [annChat!.id, boChat!.id],
    );

    await runMigrations({ databaseUrl: url });

    const owners = async () =>
      (
        await query<{ chat_owner: string; user_id: string }>(
          url,
          `SELECT c.user_id AS chat_owner, m.user_id FROM message m JOIN chat c ON c.id = m.chat_id`,
        )
      ).map((r) => [r.chat_owner, r.user_id]);
    expect(await owners()).toHaveLength(2);
    for (const [chatOwner, owner] of await owners()) expect(owner).toBe(chatOwner);

    // Inserts that do not name the owner, or name the wrong one, get the chat's.
    await query(url, `INSERT INTO message (chat_id, role, content) VALUES ($1, 'user', 'new lighthouse')`, [
      annChat!.id,
    ]);
    await query(
      url,
      `INSERT INTO message (chat_id, user_id, role, content) VALUES ($1, 'ann', 'user', 'planted lighthouse')`,
      [boChat!.id],
    );
    expect(await owners()).toHaveLength(4);
    for (const [chatOwner, owner] of await owners()) expect(owner).toBe(chatOwner);

    // One user's matches can come from one index on owner and words (seq scan off: the table is tiny).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT id FROM message WHERE user_id = 'ann' AND search @@ to_tsquery('simple', 'lighthouse')`,
      );
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(/Index Cond: \(\(user_id = 'ann'::text\) AND \(search @@/);
      expect(plan).toMatch(/message_user_search_idx/);
    } finally {
      await client.end();
    }
  });
});
