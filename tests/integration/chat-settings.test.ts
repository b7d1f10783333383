import { afterAll, beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp } from "../support/test-app";

/**
 * A chat's own system prompt and temperature (PATCH /api/chats/{id}) reach
 * the model with the next message, and go away when set back to null.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  bob = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

afterAll(() => sim?.close());

async function newChat() {
  const res = await alice.post("/api/chats", { model: MODEL });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const patch = (chatId: string, body: unknown, b = alice) => b.patch(`/api/chats/${chatId}`, body);

/** Sends a message, waits for the answer, and returns the body Ollama received for it. */
async function sendAndCapture(chatId: string, content: string) {
  const res = await alice.post(`/api/chats/${chatId}/messages`, { content });
  expect(res.status).toBe(201);
  const received = () =>
    sim.requests
      .filter((r) => r.method === "POST" && r.path === "/api/chat")
      .map(
        (r) =>
          r.body as { messages: { role: string; content: string }[]; options?: { temperature?: number } },
      )
      .filter((b) => b.messages.at(-1)?.content === content);
  // Generation starts after the answer to the POST: wait for it to reach Ollama, and to end.
  await expect.poll(() => received().length, { timeout: 10_000 }).toBe(1);
  await sim.waitForIdle(10_000);
  return received()[0]!;
}

it("sends the chat's system prompt and temperature with the next message", async () => {
  const chatId = await newChat();
  const plain = await sendAndCapture(chatId, "Hello there");
  expect(plain.messages.map((m) => m.role)).toEqual(["user"]);
  expect(plain.options?.temperature).toBeUndefined();

  const res = await patch(chatId, { systemPrompt: "Answer like a pirate.", temperature: 0.3 });
  expect(res.status).toBe(200);
  const got = await alice.get(`/api/chats/${chatId}`);
  expect((await got.json()).chat).toMatchObject({ systemPrompt: "Answer like a pirate.", temperature: 0.3 });

  const tuned = await sendAndCapture(chatId, "What is the sea?");
  expect(tuned.messages[0]).toEqual({ role: "system", content: "Answer like a pirate." });
  expect(tuned.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
  expect(tuned.options?.temperature).toBeCloseTo(0.3, 5);

  // Back to the model's defaults: no system message, no temperature.
  expect((await patch(chatId, { systemPrompt: null, temperature: null })).status).toBe(200);
  const reset = await sendAndCapture(chatId, "And the sky?");
  expect(reset.messages.some((m) => m.role === "system")).toBe(false);
  expect(reset.options?.temperature).toBeUndefined();
});

it("refuses a temperature out of range and changes nothing", async () => {
  const chatId = await newChat();
  expect((await patch(chatId, { temperature: 0.5 })).status).toBe(200);
  const res = await patch(chatId, { systemPrompt: "Be brief.", temperature: 2.5 });
  expect(res.status).toBe(400);
  expect(JSON.stringify(await res.json())).toMatch(/temperature/i);
  const got = await alice.get(`/api/chats/${chatId}`);
  expect((await got.json()).chat).toMatchObject({ systemPrompt: null, temperature: 0.5 });
});

it("keeps one user's chat settings away from another", async () => {
  const chatId = await newChat();
  expect((await patch(chatId, { systemPrompt: "Bob was here" }, bob)).status).toBe(404);
  const got = await alice.get(`/api/chats/${chatId}`);
  expect((await got.json()).chat.systemPrompt).toBeNull();
});
