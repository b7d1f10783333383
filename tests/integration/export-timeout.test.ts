import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedChat, seedMessage } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

/*
 * The app's statement timeout, made tiny for this file. A table held locked by
 * another connection for LOCK_MS stands in for a large history that takes
 * longer than that timeout to read: an export a person asked for must wait
 * for it rather than be cut off.
 */
const TIMEOUT_MS = 300;
const LOCK_MS = 1_500;

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

describe("export on a slow database", () => {
  it("waits for reads longer than the app's statement timeout instead of failing", async () => {
    const locker = new pg.Client({ connectionString: app.databaseUrl });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE message IN ACCESS EXCLUSIVE MODE");
    const release = setTimeout(() => void locker.query("ROLLBACK").catch(() => {}), LOCK_MS);
    try {
      const res = await alice.get("/api/chats/export?format=json");
      expect(res.status).toBe(200);
      const body = (await res.json()) as { chats: { messages: { content: string }[] }[] };
      expect(body.chats[0]!.messages.map((m) => m.content)).toEqual(["The lighthouse keeper lit the lamp."]);
    } finally {
      clearTimeout(release);
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
  });
});
