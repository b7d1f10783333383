import pg from "pg";
import { query } from "../support/query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp, type TestApp } from "../support/test-app";

type H = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let sim: OllamaSim;
let app: TestApp;
let alice: Browser;
let bob: Browser;
let chats: { GET: H; POST: H };
let chat: { GET: H; PATCH: H; DELETE: H };
let models: { GET: H };

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const routes = await loadRoutes();
  chats = (await import("@/app/api/chats/route")) as unknown as typeof chats;
  chat = (await import("@/app/api/chats/[chatId]/route")) as unknown as typeof chat;
  models = (await import("@/app/api/models/route")) as unknown as typeof models;
  alice = new Browser(routes);
  bob = new Browser(routes);
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

// The last test closes the simulator itself.
afterAll(() => sim?.close().catch(() => {}));

function req(b: Browser, method: string, path: string, body?: unknown) {
  const headers = new Headers({ origin: ORIGIN, "content-type": "application/json" });
  if (b.cookies.size) headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const none = { params: Promise.resolve({}) };
const p = (chatId: string) => ({ params: Promise.resolve({ chatId }) });

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

describe("the chat list", () => {
  it("puts pinned chats first, then the newest, and pages with a cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await chats.POST(req(alice, "POST", "/api/chats", { model: "llama3.2:3b" }), none);
      ids.push((await res.json()).id);
    }
    // Spread their times so the order is certain: the last created is the newest.
    for (const [i, id] of ids.entries())
      await sql(`UPDATE chat SET updated_at = now() - make_interval(mins => $2) WHERE id = $1`, [id, 10 - i]);
    await chat.PATCH(req(alice, "PATCH", `/api/chats/${ids[0]}`, { pinned: true }), p(ids[0]!));

    const first = await (await chats.GET(req(alice, "GET", "/api/chats?limit=2"), none)).json();
    expect(first.data.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[4]]);
    expect(first.data[0].pinned).toBe(true);
    const second = await (
      await chats.GET(req(alice, "GET", `/api/chats?limit=2&cursor=${first.nextCursor}`), none)
    ).json();
    expect(second.data.map((c: { id: string }) => c.id)).toEqual([ids[3], ids[2]]);
    const third = await (
      await chats.GET(req(alice, "GET", `/api/chats?limit=2&cursor=${second.nextCursor}`), none)
    ).json();
    expect(third.data.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect(third.nextCursor).toBeNull();
    // Bob sees none of them.
    expect((await (await chats.GET(req(bob, "GET", "/api/chats"), none)).json()).data).toEqual([]);
    expect((await chats.GET(req(alice, "GET", "/api/chats?cursor=garbage"), none)).status).toBe(400);
  });

  it("renames and deletes a chat (messages with it), and only for its owner", async () => {
    const id = (
      await (await chats.POST(req(alice, "POST", "/api/chats", { model: "llama3.2:3b" }), none)).json()
    ).id;
    await sql(`INSERT INTO message (chat_id, role, content) VALUES ($1, 'user', 'hello')`, [id]);
    expect(
      (await chat.PATCH(req(bob, "PATCH", `/api/chats/${id}`, { title: "Mine now" }), p(id))).status,
    ).toBe(404);
    expect((await chat.DELETE(req(bob, "DELETE", `/api/chats/${id}`), p(id))).status).toBe(404);

    const renamed = await chat.PATCH(
      req(alice, "PATCH", `/api/chats/${id}`, { title: "  Trip planning  " }),
      p(id),
    );
    expect((await renamed.json()).title).toBe("Trip planning");
    const empty = await chat.PATCH(req(alice, "PATCH", `/api/chats/${id}`, { title: " " }), p(id));
    expect(empty.status).toBe(400);

    expect((await chat.DELETE(req(alice, "DELETE", `/api/chats/${id}`), p(id))).status).toBe(204);
    expect((await chat.GET(req(alice, "GET", `/api/chats/${id}`), p(id))).status).toBe(404);
    expect(await sql(`SELECT 1 FROM message WHERE chat_id = $1`, [id])).toHaveLength(0);
  });
});

describe("GET /api/models", () => {
  it("lists Ollama's models for a signed-in user, and says clearly when Ollama is down", async () => {
    const res = await models.GET(req(alice, "GET", "/api/models"), none);
    expect(res.status).toBe(200);
    const ids = (await res.json()).data.map((m: { id: string }) => m.id);
    expect(ids).toContain("llama3.2:3b");
    // An embedding model cannot chat.
    expect(ids).not.toContain("nomic-embed-text:latest");
    expect((await models.GET(req(new Browser(await loadRoutes()), "GET", "/api/models"), none)).status).toBe(
      401,
    );
    await sim.close();
    const down = await models.GET(req(alice, "GET", "/api/models"), none);
    expect(down.status).toBe(503);
    expect((await down.json()).error.message).toMatch(/Ollama cannot be reached/);
  });
});
