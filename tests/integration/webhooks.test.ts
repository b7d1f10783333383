import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Webhooks end to end in this process: the route handlers, the real job
 * queue (graphile-worker on the test database) and receivers on local ports.
 * Retries wait 300 ms here instead of 5 s and more (an option of the queue).
 */

const MODEL = "llama3.2:3b";
let app: TestApp;
let sim: OllamaSim;
let alice: Browser; // the first account: an admin
let bob: Browser;
const receivers: WebhookReceiver[] = [];
let jobs: typeof import("@/lib/webhooks/job-queue");
let security: typeof import("@/lib/security/outbound-address");
let usage: typeof import("@/lib/usage/record-usage");

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]) {
  const r = await startWebhookReceiver(respond);
  receivers.push(r);
  return r;
}

/** Names the tests point at addresses of their choosing; anything else fails to resolve. */
const names = new Map<string, { address: string; family: 4 | 6 }[]>();

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  jobs = await import("@/lib/webhooks/job-queue");
  security = await import("@/lib/security/outbound-address");
  usage = await import("@/lib/usage/record-usage");
  security.useHostResolver(async (name) => {
    const found = names.get(name);
    if (!found) throw Object.assign(new Error(`no such host ${name}`), { code: "ENOTFOUND" });
    return found;
  });
  alice = new Browser();
  bob = new Browser("198.51.100.20");
  await alice.signUp("alice@example.com", "alice's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  // The receivers listen on 127.0.0.1: an admin allows loopback addresses for webhooks.
  expect((await alice.patch("/api/admin/settings", { webhooksAllowPrivate: true })).status).toBe(200);
  await jobs.startJobQueue({ retryDelaysMs: [300, 300, 300], pollIntervalMs: 100 });
});

afterAll(async () => {
  await jobs?.stopJobQueue();
  security?.useHostResolver(undefined);
  await Promise.all(receivers.map((r) => r.close()));
  await sim?.close();
});

interface Created {
  id: string;
  secret: string;
  url: string;
  enabled: boolean;
}

async function createEndpoint(b: Browser, body: Record<string, unknown>): Promise<Created> {
  const res = await b.post("/api/webhooks", { events: ["chat.message.completed"], ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

async function log(b: Browser, id: string) {
  const res = await b.get(`/api/webhooks/${id}/deliveries`);
  expect(res.status).toBe(200);
  return (await res.json()).data as {
    deliveryId: string;
    attempt: number;
    ok: boolean;
    statusCode: number | null;
    latencyMs: number;
    responseExcerpt: string;
    error: string | null;
    deliveryStatus: string;
    eventType: string;
  }[];
}

/** Polls until `check` passes (the queue works on its own time). */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhook deliveries", () => {
  it("are signed the Standard Webhooks way, and the secret is shown only once", async () => {
    const r = await receiver(() => ({ status: 200, body: "thanks" }));
    const created = await createEndpoint(alice, { url: r.url, description: "CI" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await (await alice.get("/api/webhooks")).json();
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const [row] = await sql(`SELECT * FROM webhook_endpoint WHERE id = $1`, [created.id]);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));

    expect((await alice.post(`/api/webhooks/${created.id}/test`)).status).toBe(202);
    const [got] = await r.waitFor(1);
    const payload = new Webhook(created.secret).verify(got!.body, got!.headers) as {
      type: string;
      data: unknown;
    };
    expect(payload.type).toBe("webhook.test");
    expect(got!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(got!.body, got!.headers),
    ).toThrow();

    const entries = await eventually(
      () => log(alice, created.id),
      (l) => l.some((e) => e.ok),
    );
    expect(entries[0]).toMatchObject({
      deliveryId: got!.headers["webhook-id"],
      attempt: 1,
      ok: true,
      statusCode: 200,
      responseExcerpt: "thanks",
      eventType: "webhook.test",
      deliveryStatus: "succeeded",
    });
  });

  it("retry a failed delivery with the same webhook-id until it succeeds, once", async () => {
    const r = await receiver((i) => (i === 0 ? { status: 500, body: "boom" } : { status: 200 }));
    const created = await createEndpoint(alice, { url: r.url });
    await alice.post(`/api/webhooks/${created.id}/test`);
    const got = await r.waitFor(2);
    expect(got[1]!.headers["webhook-id"]).toBe(got[0]!.headers["webhook-id"]);
    for (const g of got) expect(() => new Webhook(created.secret).verify(g.body, g.headers)).not.toThrow();
    const entries = await eventually(
      () => log(alice, created.id),
      (l) => l.length === 2 && l.every((e) => e.deliveryStatus === "succeeded"),
    );
    expect(entries.map((e) => [e.attempt, e.statusCode, e.ok])).toEqual([
      [2, 200, true],
      [1, 500, false],
    ]);
    // Succeeded: no further attempt comes, though the schedule had more.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(r.received).toHaveLength(2);
  });

  it("do not follow redirects", async () => {
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { location: target.url } }));
    const created = await createEndpoint(alice, { url: r.url });
    await alice.post(`/api/webhooks/${created.id}/test`);
    const entries = await eventually(
      () => log(alice, created.id),
      (l) => l.length >= 1 && l[0]!.attempt >= 1,
    );
    expect(entries[0]).toMatchObject({ ok: false, statusCode: 302 });
    expect(entries[0]!.error).toMatch(/not followed/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(target.received).toHaveLength(0);
  });

  it("can be redelivered by hand with the same id", async () => {
    const r = await receiver();
    const created = await createEndpoint(alice, { url: r.url });
    await alice.post(`/api/webhooks/${created.id}/test`);
    const [first] = await r.waitFor(1);
    const id = first!.headers["webhook-id"]!;
    await eventually(
      () => log(alice, id ? created.id : ""),
      (l) => l.some((e) => e.ok),
    );
    expect((await alice.post(`/api/webhooks/${created.id}/deliveries/${id}/redeliver`)).status).toBe(202);
    const got = await r.waitFor(2);
    expect(got[1]!.headers["webhook-id"]).toBe(id);
    expect(got[1]!.body).toBe(first!.body);
  });

  it("of a user's chat replies reach their endpoints, and admin events admins' endpoints only", async () => {
    const aliceHooks = await receiver();
    const bobHooks = await receiver();
    await createEndpoint(alice, { url: aliceHooks.url, events: ["user.created"] });
    const bobs = await createEndpoint(bob, { url: bobHooks.url, includeContent: true });

    // A non-admin cannot listen for instance events.
    const refused = await bob.post("/api/webhooks", { url: bobHooks.url, events: ["user.created"] });
    expect(refused.status).toBe(403);

    await new Browser("192.0.2.9").signUp("carol@example.com", "carol's long password");
    const [created] = await aliceHooks.waitFor(1);
    expect(JSON.parse(created!.body)).toMatchObject({
      type: "user.created",
      data: { email: "carol@example.com" },
    });

    const chat = await (await bob.post("/api/chats", { model: MODEL })).json();
    const sent = await (await bob.post(`/api/chats/${chat.id}/messages`, { content: "Hello there" })).json();
    const [reply] = await bobHooks.waitFor(1);
    const event = new Webhook(bobs.secret).verify(reply!.body, reply!.headers) as {
      data: { content: string };
    };
    expect(event).toMatchObject({
      type: "chat.message.completed",
      data: { chatId: chat.id, messageId: sent.assistantMessage.id, model: MODEL },
    });
    expect(event.data.content).toBe(expectedReply(MODEL, [{ role: "user", content: "Hello there" }]));
    // Alice hears neither Bob's reply nor anything else.
    expect(aliceHooks.received).toHaveLength(1);
  });
});

describe("webhook URLs", () => {
  const METADATA_URLS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
    "http://[::ffff:0:a9fe:a9fe]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a9fe:a9fe::1]/",
    "http://[::a9fe:a9fe]/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://2852039166/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
  ];

  it.each(METADATA_URLS)("refuse %s when saved", async (url) => {
    const res = await alice.post("/api/webhooks", { url, events: ["chat.message.completed"] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/never reach/);
  });

  it("refuse host names that resolve to the metadata address, in any notation, when saved", async () => {
    names.set("metadata.example", [{ address: "169.254.169.254", family: 4 }]);
    names.set("mapped.example", [{ address: "::ffff:a9fe:a9fe", family: 6 }]);
    names.set("mixed.example", [
      { address: "93.184.216.34", family: 4 },
      { address: "::ffff:169.254.169.254", family: 6 },
    ]);
    for (const host of ["metadata.example", "mapped.example", "mixed.example"]) {
      const res = await alice.post("/api/webhooks", {
        url: `http://${host}/`,
        events: ["chat.message.completed"],
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(/resolves to .*cloud metadata/);
    }
    const other = await alice.post("/api/webhooks", {
      url: "ftp://example.com/",
      events: ["chat.message.completed"],
    });
    expect(other.status).toBe(400);
  });

  it("are checked again when sending, after DNS resolution", async () => {
    const r = await receiver();
    names.set("rebind.example", [{ address: "127.0.0.1", family: 4 }]);
    const created = await createEndpoint(alice, { url: `http://rebind.example:${r.port}/hooks` });
    await alice.post(`/api/webhooks/${created.id}/test`);
    await r.waitFor(1);

    // The name now answers with the metadata address, then with it as IPv4-mapped IPv6.
    for (const address of ["169.254.169.254", "::ffff:a9fe:a9fe"]) {
      names.set("rebind.example", [{ address, family: address.includes(":") ? 6 : 4 }]);
      const { deliveryId } = await (await alice.post(`/api/webhooks/${created.id}/test`)).json();
      const entries = await eventually(
        () => log(alice, created.id),
        (l) => l.some((e) => e.deliveryId === deliveryId && e.attempt >= 1),
      );
      const attempt = entries.find((e) => e.deliveryId === deliveryId)!;
      expect(attempt.ok).toBe(false);
      expect(attempt.statusCode).toBeNull();
      expect(attempt.error).toMatch(/Refused: rebind\.example resolves to .*cloud metadata/);
    }
    expect(r.received).toHaveLength(1);
  });

  it("to loopback and private addresses need the admin setting", async () => {
    expect((await alice.patch("/api/admin/settings", { webhooksAllowPrivate: false })).status).toBe(200);
    try {
      for (const url of [
        "http://127.0.0.1:9/",
        "http://10.1.2.3/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
      ]) {
        const res = await alice.post("/api/webhooks", { url, events: ["chat.message.completed"] });
        expect(res.status, url).toBe(400);
        expect((await res.json()).error.message).toMatch(/an admin can allow/);
      }
    } finally {
      await alice.patch("/api/admin/settings", { webhooksAllowPrivate: true });
    }
  });
});

describe("webhook endpoints", () => {
  it("belong to their owner: another user's id is a 404 everywhere", async () => {
    const r = await receiver();
    const created = await createEndpoint(alice, { url: r.url });
    await alice.post(`/api/webhooks/${created.id}/test`);
    const [got] = await r.waitFor(1);
    const id = got!.headers["webhook-id"];
    const attempts = [
      await bob.get(`/api/webhooks/${created.id}`),
      await bob.patch(`/api/webhooks/${created.id}`, { description: "mine now" }),
      await bob.post(`/api/webhooks/${created.id}/test`),
      await bob.get(`/api/webhooks/${created.id}/deliveries`),
      await bob.post(`/api/webhooks/${created.id}/deliveries/${id}/redeliver`),
      await bob.post(`/api/webhooks/${created.id}/secret`),
      await bob.delete(`/api/webhooks/${created.id}`),
    ];
    expect(attempts.map((res) => res.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    const bobsList = (await bob.get("/api/webhooks").then((res) => res.json())).data as { id: string }[];
    expect(bobsList.map((w) => w.id)).not.toContain(created.id);
    expect((await alice.get(`/api/webhooks/${created.id}`)).status).toBe(200);
  });

  it("failing for three days are disabled, and their owner sees why", async () => {
    const r = await receiver(() => ({ status: 503, body: "down for maintenance" }));
    const created = await createEndpoint(alice, { url: r.url });
    // Its failures began four days ago (as if the receiver had been down since).
    await sql(`UPDATE webhook_endpoint SET failing_since = now() - interval '4 days' WHERE id = $1`, [
      created.id,
    ]);
    await alice.post(`/api/webhooks/${created.id}/test`);
    const view = await eventually(
      async () => (await alice.get(`/api/webhooks/${created.id}`)).json(),
      (v) => v.enabled === false,
    );
    expect(view.disabledReason).toMatch(/every delivery failed for 3 days.*HTTP 503/);
    // Disabled: no more attempts, and nothing new is sent until its owner enables it again.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(r.received).toHaveLength(1);
    expect((await alice.post(`/api/webhooks/${created.id}/test`)).status).toBe(409);
    const enabled = await (await alice.patch(`/api/webhooks/${created.id}`, { enabled: true })).json();
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });
});

describe("a burst of events", () => {
  it("is delivered in full while the chat answers as usual", async () => {
    const r = await receiver();
    const created = await createEndpoint(alice, { url: r.url, events: ["chat.completion.completed"] });
    const aliceId = await alice.id();
    const started = new Date();
    for (let i = 0; i < 1000; i++) {
      usage.recordUsage({
        userId: aliceId,
        keyPrefix: "sk-hearth-abc",
        source: "api",
        endpoint: "chat.completions",
        model: MODEL,
        stream: false,
        status: 200,
        promptTokens: 10,
        completionTokens: i,
        durationMs: 5,
        createdAt: started,
      });
    }
    await usage.flushUsage();

    // The chat meanwhile: a reply streams and completes as it always does.
    const chat = await (await alice.post("/api/chats", { model: MODEL })).json();
    const t0 = performance.now();
    const sent = await alice.post(`/api/chats/${chat.id}/messages`, { content: "Still there?" });
    expect(sent.status).toBe(201);
    const { assistantMessage } = await sent.json();
    const message = await eventually(
      async () => (await sql(`SELECT status, content FROM message WHERE id = $1`, [assistantMessage.id]))[0],
      (m) => m?.status === "complete",
      30_000,
    );
    expect(message!.content).toBe(expectedReply(MODEL, [{ role: "user", content: "Still there?" }]));
    const replyMs = performance.now() - t0;

    const got = await r.waitFor(1000, 60_000);
    const hook = new Webhook(created.secret);
    const ids = new Set<string>();
    const tokens = new Set<number>();
    for (const g of got) {
      const event = hook.verify(g.body, g.headers) as {
        type: string;
        data: { completionTokens: number; keyPrefix: string };
      };
      expect(event.type).toBe("chat.completion.completed");
      expect(event.data.keyPrefix).toBe("sk-hearth-abc");
      ids.add(g.headers["webhook-id"]!);
      tokens.add(event.data.completionTokens);
    }
    expect(ids.size).toBe(1000);
    expect(tokens.size).toBe(1000);
    // Not a timing test: a note of how long the reply took, for a person reading the output.
    console.info(`chat reply during the burst: ${Math.round(replyMs)} ms`);
  }, 120_000);
});
