import pg from "pg";
import { query } from "../support/query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedMessage } from "../support/seed";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp, type TestApp } from "../support/test-app";

let sim: OllamaSim;
let app: TestApp;
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

// The last test closes the simulator itself.
afterAll(() => sim?.close().catch(() => {}));

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

describe("the chat list", () => {
  it("puts pinned chats first, then the newest, and pages with a cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await alice.post("/api/chats", { model: "llama3.2:3b" });
      ids.push((await res.json()).id);
    }
    // Spread their times so the order is certain: the last created is the newest.
    for (const [i, id] of ids.entries())
      await sql(`UPDATE chat SET updated_at = now() - make_interval(mins => $2) WHERE id = $1`, [id, 10 - i]);
    await alice.patch(`/api/chats/${ids[0]}`, { pinned: true });

    const first = await (await alice.get("/api/chats?limit=2")).json();
    expect(first.data.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[4]]);
    expect(first.data[0].pinned).toBe(true);
    const second = await (await alice.get(`/api/chats?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.data.map((c: { id: string }) => c.id)).toEqual([ids[3], ids[2]]);
    const third = await (await alice.get(`/api/chats?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.data.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect(third.nextCursor).toBeNull();
    // Bob sees none of them.
    expect((await (await bob.get("/api/chats")).json()).data).toEqual([]);
    expect((await alice.get("/api/chats?cursor=garbage")).status).toBe(400);
  });

  it("renames and deletes a chat (messages with it), and only for its owner", async () => {
    const id = (await (await alice.post("/api/chats", { model: "llama3.2:3b" })).json()).id;
    await seedMessage(app.databaseUrl, { chatId: id, role: "user", content: "hello" });
    expect((await bob.patch(`/api/chats/${id}`, { title: "Mine now" })).status).toBe(404);
    expect((await bob.delete(`/api/chats/${id}`)).status).toBe(404);

    const renamed = await alice.patch(`/api/chats/${id}`, { title: "  Trip planning  " });
    expect((await renamed.json()).title).toBe("Trip planning");
    const empty = await alice.patch(`/api/chats/${id}`, { title: " " });
    expect(empty.status).toBe(400);

    expect((await alice.delete(`/api/chats/${id}`)).status).toBe(204);
    expect((await alice.get(`/api/chats/${id}`)).status).toBe(404);
    expect(await sql(`SELECT 1 FROM message WHERE chat_id = $1`, [id])).toHaveLength(0);
  });
});

describe("GET /api/models", () => {
  it("lists Ollama's models for a signed-in user, and says clearly when Ollama is down", async () => {
    const res = await alice.get("/api/models");
    expect(res.status).toBe(200);
    const ids = (await res.json()).data.map((m: { id: string }) => m.id);
    expect(ids).toContain("llama3.2:3b");
    // An embedding model cannot chat.
    expect(ids).not.toContain("nomic-embed-text:latest");
    expect((await new Browser().get("/api/models")).status).toBe(401);
    await sim.close();
    const down = await alice.get("/api/models");
    expect(down.status).toBe(503);
    expect((await down.json()).error.message).toMatch(/Ollama cannot be reached/);
  });
});
