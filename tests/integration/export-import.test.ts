import pg from "pg";
import { query } from "../support/query";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedChat, seedMessage, showBranch } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let alice: Browser;
let bob: Browser;
let chatId: string;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

/** Posts a file's text to the import, as the Data settings page does. */
const importText = (b: Browser, text: string) =>
  b.post("/api/chats/import", undefined, { body: text, headers: { "content-type": "application/json" } });

beforeAll(async () => {
  app = await setupTestApp();
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  chatId = await seedChat(app.databaseUrl, {
    userId: await alice.id(),
    title: 'Soup, "quickly"',
    model: "llama3.2:3b",
  });
  // A tree: one question, two answers (a regeneration), a follow-up under the second.
  const at = (ageSeconds: number) => ({ chatId, ageSeconds });
  const q = await seedMessage(app.databaseUrl, { ...at(180), role: "user", content: "A quick soup?" });
  await seedMessage(app.databaseUrl, { ...at(120), parentId: q, role: "assistant", content: "Tomato soup." });
  const a2 = await seedMessage(app.databaseUrl, {
    ...at(60),
    parentId: q,
    role: "assistant",
    content: '=HYPERLINK("x") Miso soup, with tofu',
    model: "llama3.2:3b",
  });
  const f = await seedMessage(app.databaseUrl, {
    ...at(0),
    parentId: a2,
    role: "user",
    content: "Without tofu?",
  });
  await showBranch(app.databaseUrl, chatId, f);
});

describe("export", () => {
  it("downloads JSON with the whole tree, Markdown of the branch shown, and safe CSV", async () => {
    const json = await alice.get(`/api/chats/${chatId}/export?format=json`);
    expect(json.headers.get("content-disposition")).toBe('attachment; filename="hearth-soup-quickly.json"');
    const data = await json.json();
    expect(data.format).toBe("hearth-chats");
    expect(data.chats[0].messages).toHaveLength(4);

    const md = await (await alice.get(`/api/chats/${chatId}/export?format=markdown`)).text();
    expect(md).toContain('# Soup, "quickly"');
    expect(md).toContain("Miso soup");
    expect(md).not.toContain("Tomato soup");

    const csv = await (await alice.get(`/api/chats/${chatId}/export?format=csv`)).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("chat_id,chat_title,message_id,parent_id,role,created_at,model,status,content");
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`"Soup, ""quickly"""`);
    expect(csv).toContain(`"'=HYPERLINK(""x"") Miso soup, with tofu"`);
  });

  it("is another user's 404 and refuses unknown formats", async () => {
    expect((await bob.get(`/api/chats/${chatId}/export?format=json`)).status).toBe(404);
    expect((await alice.get(`/api/chats/${chatId}/export?format=pdf`)).status).toBe(400);
    const all = await (await bob.get("/api/chats/export?format=json")).json();
    expect(all.chats).toEqual([]);
  });
});

describe("import", () => {
  it("brings a Hearth export back with its tree and branch intact", async () => {
    const exported = await (await alice.get("/api/chats/export?format=json")).text();
    const res = await importText(bob, exported);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 1 });
    const [copy] = await sql<{ id: string }>(
      `SELECT c.id FROM chat c JOIN "user" u ON u.id = c.user_id WHERE u.email = 'bob@example.com'`,
    );
    const shown = await (await bob.get(`/api/chats/${copy!.id}`)).json();
    expect(shown.messages.map((m: { content: string }) => m.content)).toEqual([
      "A quick soup?",
      '=HYPERLINK("x") Miso soup, with tofu',
      "Without tofu?",
    ]);
    expect(shown.messages[1].siblings).toHaveLength(2);
    expect(shown.messages[0].id).not.toBe(
      (await (await alice.get(`/api/chats/${chatId}`)).json()).messages[0].id,
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
    const res = await importText(alice, JSON.stringify([conversation]));
    expect(res.status).toBe(201);
    const [imported] = await sql<{ id: string }>(`SELECT id FROM chat WHERE title = 'Packing list'`);
    const shown = await (await alice.get(`/api/chats/${imported!.id}`)).json();
    expect(shown.messages.map((m: { content: string }) => m.content)).toEqual([
      "What to pack?",
      "Socks and a hat.",
    ]);
    expect(shown.messages[1].siblings).toHaveLength(2);
  });

  it("refuses anything else with a clear message and writes nothing", async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM chat`);
    const res = await importText(alice, JSON.stringify({ hello: "world" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/neither a Hearth export nor ChatGPT/);
    expect(await sql(`SELECT count(*)::int AS n FROM chat`)).toEqual(before);
  });
});
