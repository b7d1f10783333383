import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { gatewayClient } from "../support/gateway-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * `chat.completion.completed` carries a /v1 reply's text only to the endpoints
 * that opted into content; the others get the same event without it. Real
 * /v1 requests (the official SDK on the fast path), the real job queue, and
 * receivers on local ports.
 */

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let alice: Browser;
let jobs: typeof import("@/lib/webhooks/job-queue");
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  jobs = await import("@/lib/webhooks/job-queue");
  alice = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");
  // The receivers listen on 127.0.0.1: an admin allows loopback addresses for webhooks.
  expect((await alice.patch("/api/admin/settings", { webhooksAllowPrivate: true })).status).toBe(200);
  await jobs.startJobQueue({ retryDelaysMs: [300], pollIntervalMs: 100 });
});

afterAll(async () => {
  await jobs?.stopJobQueue();
  await Promise.all(receivers.map((r) => r.close()));
  await sim?.close();
});

async function endpoint(includeContent: boolean) {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const res = await alice.post("/api/webhooks", {
    url: receiver.url,
    events: ["chat.completion.completed"],
    includeContent,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  return { receiver, hook: new Webhook(secret) };
}

it("gives the reply's text, streamed or not, only to the endpoint that opted into it", async () => {
  const withText = await endpoint(true);
  const without = await endpoint(false);
  const { wantsCompletionContent } = await import("@/lib/webhooks/queue-completion-events");
  const aliceId = await alice.id();
  // Who listens is read in the background after a change, never on a request's path.
  for (let i = 0; i < 100 && !wantsCompletionContent(aliceId); i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(wantsCompletionContent(aliceId)).toBe(true);

  const client = await gatewayClient(await seedKey({ userId: aliceId, name: "laptop" }));
  const messages = [{ role: "user" as const, content: "Tell me about the river." }];
  const whole = await client.chat.completions.create({ model: MODEL, messages });
  let streamed = "";
  for await (const chunk of await client.chat.completions.create({ model: MODEL, messages, stream: true }))
    streamed += chunk.choices[0]?.delta.content ?? "";
  const reply = expectedReply(MODEL, messages);
  expect(whole.choices[0]!.message.content).toBe(reply);
  expect(streamed).toBe(reply);

  // Usage rows (and the events after them) are written in batches: flush now.
  await (await import("@/lib/usage/record-usage")).flushUsage();

  type Event = { type: string; data: { stream: boolean; content?: string; completionTokens: number } };
  const opened = (await withText.receiver.waitFor(2, 30_000)).map(
    (g) => withText.hook.verify(g.body, g.headers) as Event,
  );
  const closed = (await without.receiver.waitFor(2, 30_000)).map(
    (g) => without.hook.verify(g.body, g.headers) as Event,
  );
  expect(opened.map((e) => [e.type, e.data.stream, e.data.content]).sort()).toEqual([
    ["chat.completion.completed", false, reply],
    ["chat.completion.completed", true, reply],
  ]);
  expect(closed.map((e) => e.type)).toEqual(["chat.completion.completed", "chat.completion.completed"]);
  for (const e of closed) {
    expect(e.data).not.toHaveProperty("content");
    expect(e.data.completionTokens).toBeGreaterThan(0);
  }
}, 90_000);
