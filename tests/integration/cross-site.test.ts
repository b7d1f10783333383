/**
 * Cross-site request forgery on the app's own API: every state-changing,
 * cookie-authenticated route under app/api (found by walking the folder, so a
 * route added later is checked too) refuses a request another site made the
 * browser send, before it reads the body or writes a row.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, ORIGIN } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

type H = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const MODEL = "llama3.2:3b";
const FOREIGN = "http://localhost:9999"; // another port of the same host: same site, other origin
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;
/** Routes anyone may call without a session: browsers post CSP reports from any page. */
const PUBLIC = new Set(["csp-report"]);

let sim: OllamaSim;
let app: TestApp;
let alice: Browser;
const ids: Record<string, string> = {};

interface Target {
  route: string;
  method: (typeof STATE_CHANGING)[number];
  handler: H;
}
const targets: Target[] = [];

/**
 * Every route.ts under app/api except Better Auth's, the /v1 gateway's (API keys, no cookie) and
 * the embed visitors' (a publishable key, never a cookie, and the embed's own list of origins:
 * tests/integration/embeds.test.ts checks those).
 */
function routeFiles(dir: string, rel = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      return ["auth", "v1", "embed"].includes(relPath) ? [] : routeFiles(path.join(dir, entry.name), relPath);
    }
    return entry.name === "route.ts" ? [rel] : [];
  });
}

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  alice = new Browser();
  await alice.signUp("alice@example.com", "alice's long password");

  const apiDir = path.resolve("app/api");
  for (const route of routeFiles(apiDir)) {
    if (PUBLIC.has(route)) continue;
    const mod = (await import(/* @vite-ignore */ path.join(apiDir, route, "route.ts"))) as Record<string, H>;
    for (const method of STATE_CHANGING)
      if (mod[method]) targets.push({ route, method, handler: mod[method] });
  }

  // Something of each kind for the routes to act on, made the way the app makes it.
  const chat = await json(await sameOrigin("chats", "POST", { model: MODEL }));
  ids.chatId = chat.id;
  const sent = await json(await sameOrigin("chats/[chatId]/messages", "POST", { content: "Hello there" }));
  ids.messageId = sent.assistantMessage.id;
  await waitForReply();
  // The reply's usage row is written in a batch a moment later; write it now, so it
  // does not land between a test's two snapshots.
  await (await import("@/lib/usage/record-usage")).flushUsage();
  ids.promptId = (await json(await sameOrigin("prompts", "POST", { name: "Tea", body: "Brew {{kind}}" }))).id;
  ids.id = (await json(await sameOrigin("keys", "POST", { name: "laptop" }))).id;
  ids.shareId = (await json(await sameOrigin("chats/[chatId]/shares", "POST"))).id;
  // A pull whose process is gone: Cancel ends it at once, then Retry pulls again (nothing runs meanwhile).
  await (await import("@/lib/runners/runner-records")).ensureDefaultRunner();
  const [pull] = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO pull_job (runner_id, model, owner, updated_at)
     VALUES ('default', 'tinyllama:1.1b', 'gone:3000', now() - interval '1 hour') RETURNING id`,
  );
  ids.jobId = pull!.id;
  // Alice signed up first, so she is the admin: a runner for the admin routes to change.
  ids.runnerId = (
    await json(
      await sameOrigin("admin/runners", "POST", {
        name: "lab",
        kind: "ollama",
        baseUrl: "http://127.0.0.1:9",
      }),
    )
  ).id;
  // A webhook (to a LAN address, which the admin allows) with one queued delivery, and an embed.
  await json(await sameOrigin("admin/settings", "PATCH", { webhooksAllowPrivate: true }));
  ids.webhookId = (
    await json(
      await sameOrigin("webhooks", "POST", {
        url: "http://127.0.0.1:9/hook",
        events: ["chat.message.completed"],
      }),
    )
  ).id;
  await json(await sameOrigin("webhooks/[id]/test", "POST"));
  const [delivery] = await query<{ id: string }>(
    app.databaseUrl,
    "SELECT id FROM webhook_delivery WHERE endpoint_id = $1",
    [ids.webhookId],
  );
  ids.deliveryId = delivery!.id;
  ids.embedId = (
    await json(
      await sameOrigin("embeds", "POST", {
        name: "Shop",
        allowedOrigins: ["https://shop.example"],
        model: MODEL,
      }),
    )
  ).id;
  // Another account for the admin routes to act on (alice, the first account, is the admin).
  const bob = new Browser("203.0.113.12");
  await bob.signUp("bob@example.com", "bob's long password!");
  ids.userId = await bob.id();
  const { createResetLink } = await import("@/lib/users/create-reset-link");
  ids.resetToken = (await createResetLink({ userId: ids.userId, createdBy: await alice.id() })).path
    .split("/")
    .pop()!;
}, 60_000);

afterAll(() => sim?.close());

const json = async (res: Response) => {
  if (!res.ok) throw new Error(`setup request failed: ${res.status} ${await res.text()}`);
  return res.json();
};

async function waitForReply() {
  for (let i = 0; i < 200; i++) {
    const [row] = await query<{ status: string }>(
      app.databaseUrl,
      "SELECT status FROM message WHERE id = $1",
      [ids.messageId],
    );
    if (row?.status !== "streaming") return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

function cookie(): string {
  return [...alice.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** The id a route's parameter names; `[id]` is an API key's, except under webhooks/. */
function idFor(route: string, name: string): string {
  return (route.startsWith("webhooks/") && name === "id" ? ids.webhookId : ids[name])!;
}

function paramsOf(route: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.matchAll(/\[(\w+)\]/g)) params[name!] = idFor(route, name!);
  return params;
}

/** A body each route would accept from the app's own pages. */
function bodyFor(route: string): unknown {
  const bodies: Record<string, unknown> = {
    chats: { model: MODEL },
    "chats/import": {
      format: "hearth-chats",
      version: 1,
      chats: [{ id: "c1", title: "Forged", messages: [{ id: "m1", role: "user", content: "forged" }] }],
    },
    "chats/[chatId]": { title: "Renamed by another site" },
    "chats/[chatId]/messages": { content: "Sent by another site" },
    "chats/[chatId]/branch": { messageId: ids.messageId },
    "chats/[chatId]/fork": { messageId: ids.messageId },
    "chats/[chatId]/messages/[messageId]/regenerate": {},
    keys: { name: "minted by another site" },
    prompts: { name: "Forged", body: "forged" },
    "admin/pulls": { runnerId: "default", model: "smollm2:135m" },
    "prompts/[promptId]": { name: "Forged", body: "forged" },
    "admin/runners": {
      name: `runner-${Object.keys(ids).length}`,
      kind: "ollama",
      baseUrl: "http://127.0.0.1:9",
    },
    "admin/runners/[runnerId]": { enabled: false },
    "admin/models": { runnerId: "default", model: "qwen3:0.6b" },
    "admin/models/unload": { runnerId: "default", model: MODEL },
    "admin/models/settings": { model: MODEL, displayName: "Named by another site" },
    "admin/settings": { defaultSystemPrompt: "Set by another site" },
    "admin/users": { email: "forged@example.com", name: "Forged", password: "a forged passphrase" },
    "admin/users/[userId]": { requestsPerMinute: 5 },
    "password-reset": { token: ids.resetToken, password: "a forged passphrase" },
    webhooks: { url: "http://127.0.0.1:9/other", events: ["chat.message.completed"] },
    "webhooks/[id]": { description: "Changed by another site" },
    embeds: { name: "Forged", allowedOrigins: ["https://forged.example"], model: MODEL },
    "embeds/[embedId]": { greeting: "Changed by another site" },
  };
  return bodies[route];
}

function call(
  route: string,
  method: string,
  init: { headers: Record<string, string>; body?: BodyInit },
  handler?: H,
): Promise<Response> {
  const h = handler ?? targets.find((t) => t.route === route && t.method === method)!.handler;
  const headers = new Headers({ cookie: cookie(), ...init.headers });
  return h(
    new Request(`${ORIGIN}/api/${route.replace(/\[(\w+)\]/g, (_, n: string) => idFor(route, n))}`, {
      method,
      headers,
      body: init.body,
      duplex: "half",
    } as RequestInit),
    { params: Promise.resolve(paramsOf(route)) },
  );
}

function sameOrigin(route: string, method: string, body?: unknown): Promise<Response> {
  return call(route, method, {
    headers: body === undefined ? { origin: ORIGIN } : { origin: ORIGIN, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Every row of every table, and every stored upload: what a forged request must not change. */
async function snapshot(): Promise<string> {
  const tables = await query<{ name: string }>(
    app.databaseUrl,
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await query<{ digest: string }>(
      app.databaseUrl,
      `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS digest FROM "${name}" t`,
    );
    parts.push(`${name}=${row!.digest}`);
  }
  const uploads = path.join(app.dataDir, "uploads");
  parts.push(`uploads=${fs.existsSync(uploads) ? fs.readdirSync(uploads).sort().join(",") : ""}`);
  return parts.join("\n");
}

/** A request body that records whether anything read it. */
function watchedBody(text: string) {
  const watch = { read: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        watch.read = true;
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, watch };
}

describe("a state-changing request from another site", () => {
  it("finds the routes to check", () => {
    const found = targets.map((t) => `${t.method} ${t.route}`);
    expect(found).toContain("POST chats/import");
    expect(found).toContain("POST keys");
    expect(found).toContain("POST files");
    expect(found).toContain("DELETE chats/[chatId]");
    expect(found.length).toBeGreaterThanOrEqual(17);
  });

  it("is refused with 403 when its Origin is not ours, before the body is read, and changes nothing", async () => {
    const before = await snapshot();
    for (const t of targets) {
      const { stream, watch } = watchedBody(JSON.stringify(bodyFor(t.route) ?? {}));
      const res = await call(
        t.route,
        t.method,
        { headers: { origin: FOREIGN, "content-type": "application/json" }, body: stream },
        t.handler,
      );
      expect(res.status, `${t.method} ${t.route}`).toBe(403);
      expect((await res.json()).error.message).toMatch(/another site/);
      expect(watch.read, `${t.method} ${t.route} read the body`).toBe(false);
    }
    expect(await snapshot()).toBe(before);
  });

  it("is refused with 403 without an Origin unless the browser says it is same-origin", async () => {
    const before = await snapshot();
    for (const t of targets) {
      for (const headers of [
        {},
        { "sec-fetch-site": "same-site" },
        { "sec-fetch-site": "cross-site" },
        { origin: "null" },
      ] as Record<string, string>[]) {
        const res = await call(t.route, t.method, {
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(bodyFor(t.route) ?? {}),
        });
        expect(res.status, `${t.method} ${t.route} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("is refused with 415 when it is a text/plain (form-like) body, even from our own origin", async () => {
    const before = await snapshot();
    for (const t of targets) {
      for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
        const { stream, watch } = watchedBody(JSON.stringify(bodyFor(t.route) ?? {}));
        const res = await call(
          t.route,
          t.method,
          { headers: { origin: ORIGIN, "content-type": type }, body: stream },
          t.handler,
        );
        expect(res.status, `${t.method} ${t.route} as ${type}`).toBe(415);
        expect((await res.json()).error.code).toBe("unsupported_media_type");
        expect(watch.read).toBe(false);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("the app's own requests", () => {
  it("pass the guard on every route: JSON (or a form for uploads) from our origin", async () => {
    // Deletions last, the chat's and the embed's last of all: they take their messages, shares and key with them.
    // The reset link first: making another link (admin/users/[userId]/reset-link) replaces it.
    const order = (t: Target) =>
      t.route === "password-reset"
        ? -1
        : t.method !== "DELETE"
          ? 0
          : ["chats/[chatId]", "embeds/[embedId]"].includes(t.route)
            ? 2
            : 1;
    for (const t of [...targets].sort((a, b) => order(a) - order(b))) {
      let res: Response;
      if (t.route === "files") {
        const form = new FormData();
        form.set("file", new Blob(["# Notes"]), "notes.md");
        res = await call(t.route, t.method, { headers: { origin: ORIGIN }, body: form });
      } else {
        // Continue takes up an interrupted answer; this one was cut by a restart, say.
        if (t.route.endsWith("/continue"))
          await query(app.databaseUrl, "UPDATE message SET status = 'interrupted' WHERE id = $1", [
            ids.messageId,
          ]);
        res = await sameOrigin(t.route, t.method, bodyFor(t.route));
        if (t.route.endsWith("/continue")) await waitForReply();
      }
      expect(res.status, `${t.method} ${t.route}: ${res.status}`).toBeLessThan(300);
    }
  });

  it("create what the forged ones could not: an imported chat and an API key", async () => {
    const imported = await sameOrigin("chats/import", "POST", bodyFor("chats/import"));
    expect(imported.status).toBe(201);
    const key = await sameOrigin("keys", "POST", { name: "mine" });
    expect(key.status).toBe(201);
    expect((await key.json()).key).toMatch(/\S{20,}/);
  });

  it("are accepted without an Origin when the browser says Sec-Fetch-Site: same-origin", async () => {
    const res = await call("prompts", "POST", {
      headers: { "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify({ name: "No origin", body: "fine" }),
    });
    expect(res.status).toBe(201);
  });

  it("are accepted from the host the household reaches Hearth by, not only APP_URL", async () => {
    const lan = "http://192.168.1.20:3000";
    const res = await call("prompts", "POST", {
      headers: { host: "192.168.1.20:3000", origin: lan, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "From the LAN", body: "fine" }),
    });
    expect(res.status).toBe(201);
    const other = await call("prompts", "POST", {
      headers: {
        host: "192.168.1.20:3000",
        origin: "http://192.168.1.20:9999",
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "From another port", body: "refused" }),
    });
    expect(other.status).toBe(403);
  });
});
