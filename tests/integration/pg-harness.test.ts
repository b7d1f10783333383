import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { assertHarnessDatabase, createTestDatabase, dropTestDatabase } from "../support/pg-harness";

describe("the test harness", () => {
  it("accepts only databases it created, and refuses to drop any other", async () => {
    const admin = inject("pgAdminUrl");
    const made = await createTestDatabase(admin);
    await expect(assertHarnessDatabase(made)).resolves.toBeUndefined();

    // The server's own database, and one named like ours but not made by us.
    await expect(assertHarnessDatabase(admin)).rejects.toThrow(/did not create it/);
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const name = `hearth_test_impostor_${Date.now()}`;
    await client.query(`CREATE DATABASE ${name}`);
    const impostor = new URL(admin);
    impostor.pathname = `/${name}`;
    await expect(assertHarnessDatabase(impostor.toString())).rejects.toThrow(/did not create it/);
    await expect(dropTestDatabase(admin, impostor.toString())).rejects.toThrow(/did not create it/);
    await client.query(`DROP DATABASE ${name}`);
    await client.end();

    await dropTestDatabase(admin, made);
    await expect(assertHarnessDatabase(made)).rejects.toThrow(/does not exist/);
  });
});
