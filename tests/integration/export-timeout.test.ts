import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

/*
 * The app's statement timeout, made tiny for this file. A table held locked by
 * another connection for LOCK_MS stands in for a large history that takes
 * longer than that timeout to read: an export a person asked for must wait
 * for it rather than be cut off.
 */
const TIMEOUT_MS = 300;
const LOCK_MS = 1_500;

type H = (req: Request, ctx: never) => Promise<Response>;
let app: TestApp;
let alice: Browser;
let exportAll: H;

beforeAll(async () => {
  app = await setupTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS) });
  const routes = await loadRoutes();
  exportAll = ((await import("@/app/api/chats/export/route")) as unknown as { GET: H }).GET;
  alice = new Browser(routes);
  await alice.signUp("alice@example.com", "alice's long password");
  const [user] = await query<{ id: string }>(app.databaseUrl, `SELECT id FROM "user"`);
  const [chat] = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO chat (user_id, title) VALUES ($1, 'Coastal walk') RETURNING id`,
    [user!.id],
  );
  await query(
    app.databaseUrl,
    `INSERT INTO message (chat_id, role, content) VALUES ($1, 'assistant', 'The lighthouse keeper lit the lamp.')`,
    [chat!.id],
  );
});

describe("export on a slow database", () => {
  it("waits for reads longer than the app's statement timeout instead of failing", async () => {
    const locker = new pg.Client({ connectionString: app.databaseUrl });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE message IN ACCESS EXCLUSIVE MODE");
    const release = setTimeout(() => void locker.query("ROLLBACK").catch(() => {}), LOCK_MS);
    try {
      const headers = new Headers({ origin: ORIGIN });
      headers.set("cookie", [...alice.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
      const res = await exportAll(
        new Request(`${ORIGIN}/api/chats/export?format=json`, { headers }),
        undefined as never,
      );
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
