import pg from "pg";
import { query } from "../support/query";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { setupTestApp, type TestApp } from "../support/test-app";

type H = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let app: TestApp;
let alice: Browser;
let bob: Browser;
let shares: { POST: H; GET: H };
let share: { DELETE: H };
let getSharedChat: typeof import("@/lib/shares/get-shared-chat").getSharedChat;
let chatId: string;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

function call(h: H, b: Browser, method: string, params: Record<string, string>) {
  const headers = new Headers({ origin: ORIGIN });
  if (b.cookies.size) headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  return h(new Request(`${ORIGIN}/x`, { method, headers }), { params: Promise.resolve(params) });
}

beforeAll(async () => {
  app = await setupTestApp();
  const routes = await loadRoutes();
  shares = (await import("@/app/api/chats/[chatId]/shares/route")) as unknown as typeof shares;
  share = (await import("@/app/api/shares/[shareId]/route")) as unknown as typeof share;
  ({ getSharedChat } = await import("@/lib/shares/get-shared-chat"));
  alice = new Browser(routes);
  bob = new Browser(routes);
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  const [u] = await sql<{ id: string }>(`SELECT id FROM "user" WHERE email = 'alice@example.com'`);
  const [c] = await sql<{ id: string }>(
    `INSERT INTO chat (user_id, title, system_prompt) VALUES ($1, 'Garden plans', 'secret instructions') RETURNING id`,
    [u!.id],
  );
  chatId = c!.id;
  const [q] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, role, content) VALUES ($1, 'user', 'What grows in shade?') RETURNING id`,
    [chatId],
  );
  const [a] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, parent_id, role, content) VALUES ($1, $2, 'assistant', 'Ferns and hostas.') RETURNING id`,
    [chatId, q!.id],
  );
  await sql(`UPDATE chat SET current_leaf_id = $2 WHERE id = $1`, [chatId, a!.id]);
});

const tokenOf = (url: string) => url.split("/share/")[1]!;

describe("share links", () => {
  it("show a snapshot of the branch at sharing time, stored only hashed and encrypted", async () => {
    const res = await call(shares.POST, alice, "POST", { chatId });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.url).toMatch(/^http:\/\/localhost:3000\/share\/[A-Za-z0-9_-]{32}$/);
    const token = tokenOf(created.url);
    const [row] = await sql(`SELECT * FROM share WHERE id = $1`, [created.id]);
    expect(JSON.stringify(row)).not.toContain(token);

    const shared = await getSharedChat(token);
    expect(shared?.title).toBe("Garden plans");
    expect(shared?.messages.map((m) => m.content)).toEqual(["What grows in shade?", "Ferns and hostas."]);

    // Later messages are not part of the snapshot.
    const [leaf] = await sql<{ current_leaf_id: string }>(`SELECT current_leaf_id FROM chat WHERE id = $1`, [
      chatId,
    ]);
    await sql(
      `INSERT INTO message (chat_id, parent_id, role, content) VALUES ($1, $2, 'user', 'And in sun?')`,
      [chatId, leaf!.current_leaf_id],
    );
    expect((await getSharedChat(token))?.messages).toHaveLength(2);
    // The owner can copy the link again.
    const listed = await (await call(shares.GET, alice, "GET", { chatId })).json();
    expect(listed.data.map((s: { url: string }) => s.url)).toEqual([created.url]);
  });

  it("stop working at once when revoked, and belong to their owner", async () => {
    const created = await (await call(shares.POST, alice, "POST", { chatId })).json();
    const token = tokenOf(created.url);
    expect(await getSharedChat(token)).not.toBeNull();
    expect((await call(shares.POST, bob, "POST", { chatId })).status).toBe(404);
    expect((await call(shares.GET, bob, "GET", { chatId })).status).toBe(404);
    expect((await call(share.DELETE, bob, "DELETE", { shareId: created.id })).status).toBe(404);
    expect(await getSharedChat(token)).not.toBeNull();

    expect((await call(share.DELETE, alice, "DELETE", { shareId: created.id })).status).toBe(204);
    expect(await getSharedChat(token)).toBeNull();
    expect((await call(share.DELETE, alice, "DELETE", { shareId: created.id })).status).toBe(404);
  });

  it("refuse tokens that are wrong or malformed", async () => {
    expect(await getSharedChat("A".repeat(32))).toBeNull();
    expect(await getSharedChat("../../etc/passwd")).toBeNull();
  });
});
