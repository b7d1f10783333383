import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { sseFrames } from "../support/sse";
import { seedLongChat } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let alice: Browser;
let bob: Browser;
let app: TestApp;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

afterAll(() => sim?.close());

const regenerate = (chatId: string, messageId: string, b = alice) =>
  b.post(`/api/chats/${chatId}/messages/${messageId}/regenerate`, {});
const showBranchOf = (chatId: string, messageId: string, b = alice) =>
  b.post(`/api/chats/${chatId}/branch`, { messageId });
const forkAt = (chatId: string, messageId: string, b = alice) =>
  b.post(`/api/chats/${chatId}/fork`, { messageId });

/** Waits for a reply to finish by following its stream. */
async function finished(chatId: string, messageId: string) {
  const res = await alice.get(`/api/chats/${chatId}/messages/${messageId}/stream`);
  for await (const f of sseFrames(res.body!))
    if (f.event === "done") return JSON.parse(f.data).status as string;
  return "no done event";
}

async function newChat() {
  return (await (await alice.post("/api/chats", { model: MODEL })).json()).id as string;
}

async function send(chatId: string, content: string, parentId?: string | null) {
  const res = await alice.post(`/api/chats/${chatId}/messages`, {
    content,
    ...(parentId !== undefined ? { parentId } : {}),
  });
  expect(res.status).toBe(201);
  const sent = await res.json();
  expect(await finished(chatId, sent.assistantMessage.id)).toBe("complete");
  return sent as { userMessage: { id: string; parentId: string | null }; assistantMessage: { id: string } };
}

const shown = async (chatId: string) =>
  (await (await alice.get(`/api/chats/${chatId}`)).json()).messages as {
    id: string;
    role: string;
    content: string;
    siblings: string[];
  }[];

describe("branches", () => {
  it("regenerate adds a sibling answer, the arrows switch between them, and the chat remembers", async () => {
    const chatId = await newChat();
    const first = await send(chatId, "Name a river");
    const regen = await regenerate(chatId, first.assistantMessage.id);
    expect(regen.status).toBe(201);
    const second = (await regen.json()).assistantMessage.id;
    expect(await finished(chatId, second)).toBe("complete");

    let messages = await shown(chatId);
    expect(messages.map((m) => m.id)).toEqual([first.userMessage.id, second]);
    expect(messages[1]!.siblings).toEqual([first.assistantMessage.id, second]);

    const back = await showBranchOf(chatId, first.assistantMessage.id);
    expect((await back.json()).messages.map((m: { id: string }) => m.id)).toEqual([
      first.userMessage.id,
      first.assistantMessage.id,
    ]);
    messages = await shown(chatId);
    expect(messages[1]!.id).toBe(first.assistantMessage.id);
  });

  it("editing a message is a new sibling with its own answer; the rest of the old branch stays reachable", async () => {
    const chatId = await newChat();
    const a = await send(chatId, "First question");
    const b = await send(chatId, "Follow-up");
    // Edit the follow-up: a new user message under the same parent.
    const edited = await send(chatId, "Follow-up, rephrased", b.userMessage.parentId);
    const messages = await shown(chatId);
    expect(messages.map((m) => m.content.slice(0, 10))).toEqual([
      "First ques",
      expectedReply(MODEL, [{ role: "user", content: "First question" }]).slice(0, 10),
      "Follow-up,",
      expectedReply(MODEL, [{ role: "user", content: "Follow-up, rephrased" }]).slice(0, 10),
    ]);
    expect(messages[2]!.siblings).toEqual([b.userMessage.id, edited.userMessage.id]);
    // Back to the original follow-up: its answer comes with it.
    const back = await (await showBranchOf(chatId, b.userMessage.id)).json();
    expect(back.messages.map((m: { id: string }) => m.id)).toEqual([
      a.userMessage.id,
      a.assistantMessage.id,
      b.userMessage.id,
      b.assistantMessage.id,
    ]);
  });

  it("fork copies the path up to a message into a new chat", async () => {
    const chatId = await newChat();
    const a = await send(chatId, "Plan a trip");
    await send(chatId, "Add a museum");
    const res = await forkAt(chatId, a.assistantMessage.id);
    expect(res.status).toBe(201);
    const fork = await res.json();
    expect(fork.id).not.toBe(chatId);
    const copied = await shown(fork.id);
    expect(copied.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(copied[0]!.content).toBe("Plan a trip");
    expect(copied[0]!.id).not.toBe(a.userMessage.id);
  });

  it("gives a new chat a short title after the first exchange", async () => {
    const chatId = await newChat();
    await send(chatId, "How do tides work?");
    let title = "New chat";
    for (let i = 0; i < 20 && title === "New chat"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      title = (await (await alice.get(`/api/chats/${chatId}`)).json()).chat.title;
    }
    expect(title).not.toBe("New chat");
    expect(title.length).toBeLessThanOrEqual(61);
    expect(title).not.toMatch(/\n/);
  });

  it("a long branch loads in one query, or only its last messages when the page asks for a screenful", async () => {
    const { getChat } = await import("@/lib/chats/get-chat");
    const userId = await alice.id();
    const chatId = await seedLongChat(app.databaseUrl, { userId, size: 300, model: MODEL });

    const whole = await getChat({ userId, chatId });
    expect(whole.messages).toHaveLength(300);
    expect(whole.messages[0]!.content).toMatch(/^Question 1:/);
    expect(whole.earlier).toBe(false);
    // Each message's parent is the one before it: the path is in order.
    for (let i = 1; i < 300; i++) expect(whole.messages[i]!.parentId).toBe(whole.messages[i - 1]!.id);

    const tail = await getChat({ userId, chatId, limit: 60 });
    expect(tail.messages.map((m) => m.id)).toEqual(whole.messages.slice(-60).map((m) => m.id));
    expect(tail.earlier).toBe(true);
    // A limit longer than the branch is the whole branch.
    const all = await getChat({ userId, chatId, limit: 1000 });
    expect(all.messages).toHaveLength(300);
    expect(all.earlier).toBe(false);

    // Over HTTP: ?messages=N, and 0 for the chat's settings alone.
    const get = (query: string) => alice.get(`/api/chats/${chatId}${query}`);
    const last5 = await (await get("?messages=5")).json();
    expect(last5.messages.map((m: { id: string }) => m.id)).toEqual(
      whole.messages.slice(-5).map((m) => m.id),
    );
    const settingsOnly = await (await get("?messages=0")).json();
    expect(settingsOnly.messages).toEqual([]);
    expect(settingsOnly.chat.id).toBe(chatId);
    const bad = await get("?messages=lots");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^messages:/);
  });

  it("are another user's 404", async () => {
    const chatId = await newChat();
    const a = await send(chatId, "Private");
    const statuses = [
      (await regenerate(chatId, a.assistantMessage.id, bob)).status,
      (await showBranchOf(chatId, a.assistantMessage.id, bob)).status,
      (await forkAt(chatId, a.assistantMessage.id, bob)).status,
    ];
    expect(statuses).toEqual([404, 404, 404]);
    // Only an answer can be regenerated.
    expect((await regenerate(chatId, a.userMessage.id)).status).toBe(400);
  });
});
