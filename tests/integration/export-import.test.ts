import pg from "pg";
import { query } from "../support/query";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, loadRoutes, ORIGIN } from "../support/auth-client";
import { setupTestApp, type TestApp } from "../support/test-app";

type H = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let app: TestApp;
let alice: Browser;
let bob: Browser;
let exportOne: H;
let exportAll: H;
let importChats: H;
let getChat: H;
let chatId: string;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

function call(
  h: H,
  b: Browser,
  method: string,
  path: string,
  params: Record<string, string> = {},
  body?: string,
) {
  const headers = new Headers({ origin: ORIGIN, "content-type": "application/json" });
  if (b.cookies.size) headers.set("cookie", [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  return h(new Request(`${ORIGIN}${path}`, { method, headers, body }), { params: Promise.resolve(params) });
}

beforeAll(async () => {
  app = await setupTestApp();
  const routes = await loadRoutes();
  exportOne = ((await import("@/app/api/chats/[chatId]/export/route")) as unknown as { GET: H }).GET;
  exportAll = ((await import("@/app/api/chats/export/route")) as unknown as { GET: H }).GET;
  importChats = ((await import("@/app/api/chats/import/route")) as unknown as { POST: H }).POST;
  getChat = ((await import("@/app/api/chats/[chatId]/route")) as unknown as { GET: H }).GET;
  alice = new Browser(routes);
  bob = new Browser(routes);
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  const [u] = await sql<{ id: string }>(`SELECT id FROM "user" WHERE email = 'alice@example.com'`);
  const [c] = await sql<{ id: string }>(
    `INSERT INTO chat (user_id, title, model) VALUES ($1, 'Soup, "quickly"', 'llama3.2:3b') RETURNING id`,
    [u!.id],
  );
  chatId = c!.id;
  // A tree: one question, two answers (a regeneration), a follow-up under the second.
  const [q] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, role, content, created_at) VALUES ($1, 'user', 'A quick soup?', now() - interval '3 min') RETURNING id`,
    [chatId],
  );
  await sql(
    `INSERT INTO message (chat_id, parent_id, role, content, created_at) VALUES ($1, $2, 'assistant', 'Tomato soup.', now() - interval '2 min')`,
    [chatId, q!.id],
  );
  const [a2] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, parent_id, role, content, model, created_at) VALUES ($1, $2, 'assistant', '=HYPERLINK("x") Miso soup, with tofu', 'llama3.2:3b', now() - interval '1 min') RETURNING id`,
    [chatId, q!.id],
  );
  const [f] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, parent_id, role, content) VALUES ($1, $2, 'user', 'Without tofu?') RETURNING id`,
    [chatId, a2!.id],
  );
  await sql(`UPDATE chat SET current_leaf_id = $2 WHERE id = $1`, [chatId, f!.id]);
});

describe("export", () => {
  it("downloads JSON with the whole tree, Markdown of the branch shown, and safe CSV", async () => {
    const json = await call(exportOne, alice, "GET", `/x?format=json`, { chatId });
    expect(json.headers.get("content-disposition")).toBe('attachment; filename="hearth-soup-quickly.json"');
    const data = await json.json();
    expect(data.format).toBe("hearth-chats");
    expect(data.chats[0].messages).toHaveLength(4);

    const md = await (await call(exportOne, alice, "GET", `/x?format=markdown`, { chatId })).text();
    expect(md).toContain('# Soup, "quickly"');
    expect(md).toContain("Miso soup");
    expect(md).not.toContain("Tomato soup");

    const csv = await (await call(exportOne, alice, "GET", `/x?format=csv`, { chatId })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("chat_id,chat_title,message_id,parent_id,role,created_at,model,status,content");
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`"Soup, ""quickly"""`);
    expect(csv).toContain(`"'=HYPERLINK(""x"") Miso soup, with tofu"`);
  });

  it("is another user's 404 and refuses unknown formats", async () => {
    expect((await call(exportOne, bob, "GET", `/x?format=json`, { chatId })).status).toBe(404);
    expect((await call(exportOne, alice, "GET", `/x?format=pdf`, { chatId })).status).toBe(400);
    const all = await (await call(exportAll, bob, "GET", `/x?format=json`)).json();
    expect(all.chats).toEqual([]);
  });
});

describe("import", () => {
  it("brings a Hearth export back with its tree and branch intact", async () => {
    const exported = await (await call(exportAll, alice, "GET", `/x?format=json`)).text();
    const res = await call(importChats, bob, "POST", "/x", {}, exported);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 1 });
    const [copy] = await sql<{ id: string }>(
      `SELECT c.id FROM chat c JOIN "user" u ON u.id = c.user_id WHERE u.email = 'bob@example.com'`,
    );
    const shown = await (await call(getChat, bob, "GET", "/x", { chatId: copy!.id })).json();
    expect(shown.messages.map((m: { content: string }) => m.content)).toEqual([
      "A quick soup?",
      '=HYPERLINK("x") Miso soup, with tofu',
      "Without tofu?",
    ]);
    expect(shown.messages[1].siblings).toHaveLength(2);
    expect(shown.messages[0].id).not.toBe(
      (await (await call(getChat, alice, "GET", "/x", { chatId })).json()).messages[0].id,
    );
  });

  it("reads ChatGPT's conversations.json, skipping structural nodes", async () => {
    const conversation = {
      title: "Packing list",
      create_time: 1_700_000_000,
      current_node: "a2",
      mapping: {
        root: { id: "root", parent: null, message: null },
        sys: {
          id: "sys",
          parent: "root",
          message: { author: { role: "system" }, content: { content_type: "text", parts: [""] } },
        },
        u1: {
          id: "u1",
          parent: "sys",
          message: {
            author: { role: "user" },
            create_time: 1_700_000_001,
            content: { content_type: "text", parts: ["What to pack?"] },
          },
        },
        a1: {
          id: "a1",
          parent: "u1",
          message: {
            author: { role: "assistant" },
            create_time: 1_700_000_002,
            content: { content_type: "text", parts: ["A coat."] },
            metadata: { model_slug: "gpt-4o" },
          },
        },
        a2: {
          id: "a2",
          parent: "u1",
          message: {
            author: { role: "assistant" },
            create_time: 1_700_000_003,
            content: { content_type: "text", parts: ["Socks and a hat."] },
          },
        },
      },
    };
    const res = await call(importChats, alice, "POST", "/x", {}, JSON.stringify([conversation]));
    expect(res.status).toBe(201);
    const [imported] = await sql<{ id: string }>(`SELECT id FROM chat WHERE title = 'Packing list'`);
    const shown = await (await call(getChat, alice, "GET", "/x", { chatId: imported!.id })).json();
    expect(shown.messages.map((m: { content: string }) => m.content)).toEqual([
      "What to pack?",
      "Socks and a hat.",
    ]);
    expect(shown.messages[1].siblings).toHaveLength(2);
  });

  it("refuses anything else with a clear message and writes nothing", async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM chat`);
    const res = await call(importChats, alice, "POST", "/x", {}, JSON.stringify({ hello: "world" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/neither a Hearth export nor ChatGPT/);
    expect(await sql(`SELECT count(*)::int AS n FROM chat`)).toEqual(before);
  });
});
