/**
 * The embed API as site visitors and their browsers reach it: a publishable
 * key, an allowed origin, an anonymous visitor id, answers through the chat's
 * reply pipeline; and the owner's side (Settings → Embeds) with its ownership
 * checks. Real route handlers, real PostgreSQL, the Ollama simulator.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, ORIGIN } from "../support/auth-client";
import { appFetch, appRequest } from "../support/app-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { sseFrames } from "../support/sse";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
const SITE = "https://shop.example";
let sim: OllamaSim;
let app: TestApp;
let alice: Browser;
let bob: Browser;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  bob = new Browser("203.0.113.20");
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
});

afterAll(() => sim?.close());

interface Embed {
  id: string;
  publishableKey: string;
  keyRevoked: boolean;
  allowedOrigins: string[];
}

async function createEmbed(settings: Record<string, unknown> = {}, owner = alice): Promise<Embed> {
  const res = await owner.post("/api/embeds", {
    name: "Shop help",
    allowedOrigins: [SITE],
    model: MODEL,
    systemPrompt: "You help with orders.",
    greeting: "Hi! Ask me about your order.",
    ...settings,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Embed;
}

let visitors = 0;
/** A fresh anonymous visitor on a site, as its browser calls the embed API. */
function visitor(key: string, options: { origin?: string | null; id?: string; ip?: string } = {}) {
  const id = options.id ?? `visitor-${++visitors}-${"x".repeat(16)}`;
  const call = (
    url: string,
    init: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const req = appRequest(url, { method: init.method, json: init.json });
    const headers = new Headers(req.headers);
    headers.delete("origin");
    if (options.origin !== null) headers.set("origin", options.origin ?? SITE);
    headers.set("authorization", `Bearer ${key}`);
    headers.set("x-hearth-visitor", id);
    headers.set("x-hearth-client-ip", options.ip ?? "198.51.100.7");
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
    return appFetch(new Request(req, { headers }));
  };
  return {
    id,
    conversation: () => call("/api/embed/conversation"),
    send: (content: string) => call("/api/embed/messages", { method: "POST", json: { content } }),
    stream: (messageId: string) => call(`/api/embed/messages/${messageId}/stream`),
    stop: (messageId: string) => call(`/api/embed/messages/${messageId}/stop`, { method: "POST" }),
  };
}

/** Sends a message and reads the answer's stream to its end. */
async function chat(v: ReturnType<typeof visitor>, content: string) {
  const sent = await v.send(content);
  expect(sent.status, await sent.clone().text()).toBe(201);
  const { assistantMessage } = (await sent.json()) as { assistantMessage: { id: string } };
  const res = await v.stream(assistantMessage.id);
  expect(res.status).toBe(200);
  let text = "";
  let done: { status: string } | undefined;
  for await (const f of sseFrames(res.body!)) {
    if (f.event === "delta") text += (JSON.parse(f.data) as { content?: string }).content ?? "";
    if (f.event === "done") {
      done = JSON.parse(f.data) as { status: string };
      break;
    }
  }
  return { text, status: done?.status, messageId: assistantMessage.id };
}

describe("creating an embed", () => {
  it("gives a publishable key stored only hashed and sealed", async () => {
    const embed = await createEmbed();
    expect(embed.publishableKey).toMatch(/^pk_[0-9A-Za-z]{32}$/);
    const [row] = await sql<{ key_hash: string; key_sealed: string }>(
      "SELECT key_hash, key_sealed FROM embed WHERE id = $1",
      [embed.id],
    );
    expect(row!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(embed.publishableKey.slice(3));
    // The owner can copy it again.
    const again = (await (await alice.get(`/api/embeds/${embed.id}`)).json()) as Embed;
    expect(again.publishableKey).toBe(embed.publishableKey);
  });

  it.each([
    [["https://*.example.com"], /wildcards/],
    [["https://shop.example/help"], /without a path/],
    [["http://shop.example"], /plain http/],
    [["shop.example"], /not an origin|https/],
    [[], /at least one/],
  ])("refuses allowed origins %j", async (origins, message) => {
    const res = await alice.post("/api/embeds", { name: "x", allowedOrigins: origins, model: MODEL });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it("keeps exact origins as browsers send them, localhost on plain http included", async () => {
    const embed = await createEmbed({
      allowedOrigins: ["https://Shop.Example:443/", "http://localhost:8080", "https://shop.example"],
    });
    expect(embed.allowedOrigins).toEqual(["https://shop.example", "http://localhost:8080"]);
  });

  it("is another user's to see or change: 404 to them", async () => {
    const embed = await createEmbed();
    expect((await bob.get(`/api/embeds/${embed.id}`)).status).toBe(404);
    expect((await bob.patch(`/api/embeds/${embed.id}`, { name: "mine" })).status).toBe(404);
    expect((await bob.post(`/api/embeds/${embed.id}/key`)).status).toBe(404);
    expect((await bob.delete(`/api/embeds/${embed.id}/key`)).status).toBe(404);
    expect((await bob.get(`/api/embeds/${embed.id}/conversations`)).status).toBe(404);
    expect((await bob.delete(`/api/embeds/${embed.id}`)).status).toBe(404);
    const list = (await (await bob.get("/api/embeds")).json()) as { data: Embed[] };
    expect(list.data.map((e) => e.id)).not.toContain(embed.id);
    expect((await alice.get(`/api/embeds/${embed.id}`)).status).toBe(200);
  });
});

describe("a visitor", () => {
  it("chats through the embed's settings and finds the conversation again", async () => {
    const embed = await createEmbed();
    const v = visitor(embed.publishableKey);
    const first = await (await v.conversation()).json();
    expect(first).toMatchObject({
      embed: { name: "Shop help", greeting: "Hi! Ask me about your order." },
      messages: [],
    });

    const answer = await chat(v, "Where is my parcel?");
    expect(answer.status).toBe("complete");
    expect(answer.text).toBe(
      expectedReply(MODEL, [
        { role: "system", content: "You help with orders." },
        { role: "user", content: "Where is my parcel?" },
      ]),
    );
    // The system prompt reached the model; the greeting did not.
    const sent = sim.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "user"]);

    const again = (await (await v.conversation()).json()) as {
      messages: { role: string; content: string }[];
    };
    expect(again.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "Where is my parcel?"],
      ["assistant", answer.text],
    ]);
    // Another visitor starts with nothing.
    expect(
      ((await (await visitor(embed.publishableKey).conversation()).json()) as { messages: [] }).messages,
    ).toEqual([]);
  });

  it("is counted as the owner's usage with source embed, and stays out of the owner's own chats", async () => {
    const embed = await createEmbed();
    const v = visitor(embed.publishableKey);
    const { messageId } = await chat(v, "Hello there");
    const { flushUsage } = await import("@/lib/usage/record-usage");
    await flushUsage();
    const [me] = await sql<{ id: string }>("SELECT id FROM \"user\" WHERE email = 'alice@example.com'");
    const usage = await sql<{ source: string; user_id: string }>(
      "SELECT source, user_id FROM usage_event WHERE key_prefix = $1",
      [embed.publishableKey.slice(0, 9)],
    );
    expect(usage).toEqual([{ source: "embed", user_id: me!.id }]);

    const [row] = await sql<{ chat_id: string }>("SELECT chat_id FROM message WHERE id = $1", [messageId]);
    const chats = (await (await alice.get("/api/chats")).json()) as { data: { id: string }[] };
    expect(chats.data.map((c) => c.id)).not.toContain(row!.chat_id);
    // Read-only for the owner: the chat API does not know it; the embed's page shows it.
    expect((await alice.get(`/api/chats/${row!.chat_id}`)).status).toBe(404);
    expect((await alice.post(`/api/chats/${row!.chat_id}/messages`, { content: "mine now" })).status).toBe(
      404,
    );
    const list = (await (await alice.get(`/api/embeds/${embed.id}/conversations`)).json()) as {
      data: { id: string; title: string; messages: number }[];
    };
    expect(list.data).toEqual([
      expect.objectContaining({ id: row!.chat_id, title: "Hello there", messages: 2 }),
    ]);
    const detail = await alice.get(`/api/embeds/${embed.id}/conversations/${row!.chat_id}`);
    expect(detail.status).toBe(200);
    expect((await bob.get(`/api/embeds/${embed.id}/conversations/${row!.chat_id}`)).status).toBe(404);
  });

  it("cannot read or stop another visitor's answer", async () => {
    const embed = await createEmbed();
    const { messageId } = await chat(visitor(embed.publishableKey), "Mine");
    const other = visitor(embed.publishableKey);
    expect((await other.stream(messageId)).status).toBe(404);
    expect((await other.stop(messageId)).status).toBe(404);
    // Nor can the same visitor id through another embed.
    const second = await createEmbed();
    expect((await visitor(second.publishableKey).stream(messageId)).status).toBe(404);
  });
});

describe("the origin check", () => {
  it("refuses a site the embed does not allow, with no answer generated", async () => {
    const embed = await createEmbed();
    const before = sim.requests.length;
    const evil = visitor(embed.publishableKey, { origin: "https://evil.example" });
    const res = await evil.send("hello");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /may not use this chat/,
    );
    expect((await evil.conversation()).status).toBe(403);
    expect(sim.requests.length).toBe(before);
  });

  it("refuses a request that says nothing of where it comes from, and admits Hearth's own framed page", async () => {
    const embed = await createEmbed();
    expect((await visitor(embed.publishableKey, { origin: null }).conversation()).status).toBe(403);
    const ownPage = visitor(embed.publishableKey, { origin: null });
    const res = await appFetch(
      new Request(appRequest("/api/embed/conversation"), {
        headers: {
          authorization: `Bearer ${embed.publishableKey}`,
          "x-hearth-visitor": ownPage.id,
          "sec-fetch-site": "same-origin",
        },
      }),
    );
    expect(res.status).toBe(200);
    expect((await visitor(embed.publishableKey, { origin: ORIGIN }).conversation()).status).toBe(200);
  });

  it("answers the preflight of a cross-origin call without cookies", async () => {
    const res = await appFetch(
      new Request(appRequest("/api/embed/messages"), {
        method: "OPTIONS",
        headers: { origin: SITE, "access-control-request-method": "POST" },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(SITE);
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("limits", () => {
  it("holds each visitor to the embed's rate, and not the visitor next to them", async () => {
    const embed = await createEmbed({ visitorRequestsPerMinute: 2 });
    const v = visitor(embed.publishableKey);
    await chat(v, "one");
    await chat(v, "two");
    const third = await v.send("three");
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await chat(visitor(embed.publishableKey, { ip: "198.51.100.8" }), "someone else")).status).toBe(
      "complete",
    );
  });

  it("holds one address to a few visitors' worth, however many visitor ids it makes up", async () => {
    const embed = await createEmbed({ visitorRequestsPerMinute: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const v = visitor(embed.publishableKey, { ip: "198.51.100.99" });
      const res = await v.send(`hi ${i}`);
      statuses.push(res.status);
      if (res.status === 201) {
        const { assistantMessage } = (await res.json()) as { assistantMessage: { id: string } };
        await v.stop(assistantMessage.id);
      }
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it("shows the chat unavailable once the embed's daily budget is spent", async () => {
    const embed = await createEmbed({ dailyTokenBudget: 5 });
    const v = visitor(embed.publishableKey);
    expect((await chat(v, "spend it")).status).toBe("complete");
    const res = await v.send("and more");
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /unavailable for the rest of the day/,
    );
    const view = (await (await alice.get(`/api/embeds/${embed.id}`)).json()) as { tokensToday: number };
    expect(view.tokensToday).toBeGreaterThanOrEqual(5);
  });

  it("a revoked key is unavailable at once; a new key works and the old one never again", async () => {
    const embed = await createEmbed();
    const v = visitor(embed.publishableKey);
    expect((await v.conversation()).status).toBe(200);
    expect((await alice.delete(`/api/embeds/${embed.id}/key`)).status).toBe(200);
    const refused = await v.conversation();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/unavailable/);
    expect((await v.send("hello?")).status).toBe(403);

    const rotated = (await (await alice.post(`/api/embeds/${embed.id}/key`)).json()) as Embed;
    expect(rotated.publishableKey).not.toBe(embed.publishableKey);
    expect(rotated.keyRevoked).toBe(false);
    expect((await v.conversation()).status).toBe(401);
    expect((await visitor(rotated.publishableKey, { id: v.id }).conversation()).status).toBe(200);
  });
});
