import pg from "pg";
import { query } from "../support/query";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedMessage } from "../support/seed";
import { sseFrames } from "../support/sse";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
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

afterAll(() => sim?.close());
beforeEach(() => sim.resetFaults());

async function newChat(b: Browser = alice, model = MODEL) {
  const res = await b.post("/api/chats", { model });
  expect(res.status).toBe(201);
  return (await res.json()).id as string;
}

async function send(chatId: string, content: string, b: Browser = alice) {
  const res = await b.post(`/api/chats/${chatId}/messages`, { content });
  expect(res.status).toBe(201);
  return (await res.json()) as { userMessage: { id: string }; assistantMessage: { id: string } };
}

/** Follows a reply; stops after `limit` deltas (a reload), or at `done`. */
async function follow(
  chatId: string,
  messageId: string,
  options: { lastEventId?: string; limit?: number } = {},
) {
  const controller = new AbortController();
  const res = await alice.get(`/api/chats/${chatId}/messages/${messageId}/stream`, {
    headers: options.lastEventId ? { "last-event-id": options.lastEventId } : {},
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  let text = "";
  let lastId: string | undefined;
  let done: { status: string; error: string | null } | undefined;
  let deltas = 0;
  for await (const f of sseFrames(res.body!)) {
    if (f.event === "delta") {
      text += JSON.parse(f.data).content ?? "";
      lastId = f.id;
      if (++deltas === options.limit) {
        controller.abort();
        break;
      }
    } else if (f.event === "done") {
      done = JSON.parse(f.data);
      break;
    }
  }
  return { text, lastId, done };
}

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

const reply = (content: string) => expectedReply(MODEL, [{ role: "user", content }]);

describe("a reply", () => {
  it("streams to the end and is stored complete", async () => {
    const chatId = await newChat();
    const { assistantMessage } = await send(chatId, "Tell me about lighthouses");
    const { text, done } = await follow(chatId, assistantMessage.id);
    expect(text).toBe(reply("Tell me about lighthouses"));
    expect(done).toEqual({ status: "complete", error: null });
    const [row] = await sql(`SELECT content, status, completion_tokens FROM message WHERE id = $1`, [
      assistantMessage.id,
    ]);
    expect(row).toMatchObject({ content: text, status: "complete" });
    expect(row!.completion_tokens).toBeGreaterThan(0);
    // The chat shows the branch that was just written.
    const shown = await (await alice.get(`/api/chats/${chatId}`)).json();
    expect(shown.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
  });

  it("loses no token across a reload mid-stream, and goes on while nobody watches", async () => {
    sim.setFaults({ tokensPerSecond: 25 });
    const chatId = await newChat();
    const content = "A long answer about tides, please";
    const { assistantMessage } = await send(chatId, content);
    const first = await follow(chatId, assistantMessage.id, { limit: 3 });
    expect(first.done).toBeUndefined();
    // The tab is closed for a while; the answer keeps coming.
    await new Promise((r) => setTimeout(r, 400));
    const rest = await follow(chatId, assistantMessage.id, { lastEventId: first.lastId });
    expect(first.text + rest.text).toBe(reply(content));
    expect(rest.done?.status).toBe("complete");
    // A follower arriving after the end gets the whole text at once.
    expect((await follow(chatId, assistantMessage.id)).text).toBe(reply(content));
  });

  it("writes progress in batches, never per token", async () => {
    await sql(`CREATE TABLE IF NOT EXISTS message_updates (id uuid)`);
    await sql(`CREATE OR REPLACE FUNCTION count_message_updates() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO message_updates VALUES (NEW.id); RETURN NEW; END $$`);
    await sql(`DROP TRIGGER IF EXISTS message_update_counter ON message`);
    await sql(
      `CREATE TRIGGER message_update_counter AFTER UPDATE ON message FOR EACH ROW EXECUTE FUNCTION count_message_updates()`,
    );
    sim.setFaults({ tokensPerSecond: 100 });
    const chatId = await newChat();
    const { assistantMessage } = await send(chatId, "Count my writes");
    const { done } = await follow(chatId, assistantMessage.id);
    expect(done?.status).toBe("complete");
    const tokens = reply("Count my writes").split(" ").length;
    const [{ n }] = (await sql<{ n: string }>(`SELECT count(*) AS n FROM message_updates WHERE id = $1`, [
      assistantMessage.id,
    ])) as [{ n: string }];
    expect(tokens).toBeGreaterThan(20);
    // About one write per 500 ms plus the final one.
    expect(Number(n)).toBeLessThanOrEqual(Math.ceil(tokens / 100 / 0.5) + 2);
    await sql(`DROP TRIGGER message_update_counter ON message`);
  });

  it("stops at once when Stop is pressed, keeping the text so far", async () => {
    sim.setFaults({ tokensPerSecond: 20 });
    const chatId = await newChat();
    const { assistantMessage } = await send(chatId, "Go on and on");
    const partial = await follow(chatId, assistantMessage.id, { limit: 2 });
    const before = sim.abortedGenerations;
    const res = await alice.post(`/api/chats/${chatId}/messages/${assistantMessage.id}/stop`);
    expect(res.status).toBe(204);
    await sim.waitForIdle(1000);
    expect(sim.abortedGenerations).toBe(before + 1);
    const after = await follow(chatId, assistantMessage.id);
    expect(after.done?.status).toBe("stopped");
    expect(after.text.startsWith(partial.text)).toBe(true);
    expect(reply("Go on and on").startsWith(after.text)).toBe(true);
    expect(after.text.length).toBeLessThan(reply("Go on and on").length);
  });

  it("keeps the partial text and the reason when the model fails mid-answer", async () => {
    sim.setFaults({ errorAfterTokens: 5 });
    const chatId = await newChat();
    const { assistantMessage } = await send(chatId, "Fail halfway");
    const { text, done } = await follow(chatId, assistantMessage.id);
    expect(done?.status).toBe("error");
    expect(done?.error).toMatch(/failed mid-answer/);
    expect(text.length).toBeGreaterThan(0);
    const [row] = await sql(`SELECT content, status, error FROM message WHERE id = $1`, [
      assistantMessage.id,
    ]);
    expect(row).toMatchObject({ content: text, status: "error" });
  });
});

describe("a thinking model", () => {
  it("shows its reasoning beside the answer", async () => {
    const chatId = await newChat(alice, "qwen3:0.6b");
    const { assistantMessage } = await send(chatId, "Think first, then answer");
    const { done } = await follow(chatId, assistantMessage.id);
    expect(done?.status).toBe("complete");
    const [row] = await sql<{ reasoning: string; content: string }>(
      `SELECT reasoning, content FROM message WHERE id = $1`,
      [assistantMessage.id],
    );
    expect(row!.reasoning.length).toBeGreaterThan(0);
    expect(row!.content).toBe(
      expectedReply("qwen3:0.6b", [{ role: "user", content: "Think first, then answer" }]),
    );
  });
});

describe("replies nobody is generating any more", () => {
  it("are marked interrupted, text kept: at boot the server's own, later any whose heartbeat stopped", async () => {
    const chatId = await newChat();
    const { recoverInterrupted } = await import("@/lib/chats/recover-interrupted");
    const { instanceId } = await import("@/lib/chats/instance-id");
    const streaming = { chatId, role: "assistant", status: "streaming" } as const;
    const mine = await seedMessage(app.databaseUrl, {
      ...streaming,
      content: "half of mine",
      owner: instanceId(),
    });
    const stale = await seedMessage(app.databaseUrl, {
      ...streaming,
      content: "half of theirs",
      owner: "other-host:3000",
      ageSeconds: 60,
    });
    const live = await seedMessage(app.databaseUrl, {
      ...streaming,
      content: "busy",
      owner: "other-host:3000",
    });
    expect(await recoverInterrupted({ atBoot: false })).toBe(1);
    expect(await recoverInterrupted({ atBoot: true })).toBe(1);
    const rows = await sql<{ id: string; status: string; content: string }>(
      `SELECT id, status, content FROM message WHERE id = ANY($1)`,
      [[mine, stale, live]],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[mine]).toMatchObject({ status: "interrupted", content: "half of mine" });
    expect(byId[stale]).toMatchObject({ status: "interrupted", content: "half of theirs" });
    expect(byId[live]).toMatchObject({ status: "streaming" });
    await sql(`DELETE FROM message WHERE id = $1`, [live]);
  });
});

describe("another user's chat", () => {
  it("is a 404 on every route", async () => {
    const chatId = await newChat(alice);
    const { assistantMessage } = await send(chatId, "mine only");
    const messageId = assistantMessage.id;
    const statuses = [
      (await bob.get(`/api/chats/${chatId}`)).status,
      (await bob.post(`/api/chats/${chatId}/messages`, { content: "hi" })).status,
      (await bob.get(`/api/chats/${chatId}/messages/${messageId}/stream`)).status,
      (await bob.post(`/api/chats/${chatId}/messages/${messageId}/stop`)).status,
      (await bob.get(`/api/chats/not-a-uuid`)).status,
    ];
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    await follow(chatId, messageId);
  });
});
