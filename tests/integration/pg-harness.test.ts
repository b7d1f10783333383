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
    await client.query("CREATE DATABASE hearth_test_impostor");
    await client.end();
    const impostor = new URL(admin);
    impostor.pathname = "/hearth_test_impostor";
    await expect(assertHarnessDatabase(impostor.toString())).rejects.toThrow(/did not create it/);
    await expect(dropTestDatabase(admin, impostor.toString())).rejects.toThrow(/did not create it/);

    await dropTestDatabase(admin, made);
    await expect(assertHarnessDatabase(made)).rejects.toThrow(/does not exist/);
  });
});
