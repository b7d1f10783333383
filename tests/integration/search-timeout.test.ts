import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { seedChat, seedMessage } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

/*
 * The app's statement timeout, made tiny for this file. A table held locked by
 * another connection stands in for a query too heavy to finish: the lock is
 * released after RELEASE_MS whatever happens, so code without a timeout
 * answers late (200) instead of hanging the test.
 */
const TIMEOUT_MS = 300;
const RELEASE_MS = 3_000;

let app: TestApp;
let alice: Browser;

beforeAll(async () => {
  app = await setupTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS) });
  alice = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  const chatId = await seedChat(app.databaseUrl, { userId: await alice.id(), title: "Coastal walk" });
  await seedMessage(app.databaseUrl, {
    chatId,
    role: "assistant",
    content: "The lighthouse keeper lit the lamp.",
  });
});

async function whileLocked<T>(table: string, work: () => Promise<T>): Promise<T> {
  const locker = new pg.Client({ connectionString: app.databaseUrl });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  const release = setTimeout(() => void locker.query("ROLLBACK").catch(() => {}), RELEASE_MS);
  try {
    return await work();
  } finally {
    clearTimeout(release);
    await locker.query("ROLLBACK").catch(() => {});
    await locker.end();
  }
}

describe("statement timeout", () => {
  it("turns a search that takes too long into a 503 that says so, and search works again after", async () => {
    const started = performance.now();
    const res = await whileLocked("message", () => alice.get("/api/search?q=lighthouse"));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message).toMatch(/search took too long.*more specific words/i);
    expect(elapsed).toBeLessThan(RELEASE_MS);

    const again = await alice.get("/api/search?q=lighthouse");
    expect(again.status).toBe(200);
    expect(((await again.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it("cancels any other slow statement of a request too, with a clear 503 rather than a 500", async () => {
    const res = await whileLocked("chat", () => alice.get("/api/chats"));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string; requestId?: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message).toMatch(/took too long/i);
    expect(JSON.stringify(body)).not.toMatch(/statement timeout|canceling|SELECT/i);
  });

  it("is set on the app's own connections, not on the database that migrations and admin tools use", async () => {
    const { pool } = await import("@/lib/db/client");
    expect(
      (await pool().query<{ statement_timeout: string }>("SHOW statement_timeout")).rows[0]!
        .statement_timeout,
    ).toBe(`${TIMEOUT_MS}ms`);
    const [other] = await query<{ statement_timeout: string }>(app.databaseUrl, "SHOW statement_timeout");
    expect(other!.statement_timeout).toBe("0");
  });
});
