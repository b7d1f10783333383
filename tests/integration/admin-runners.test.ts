/**
 * Runners an admin adds at /admin/models: a second Ollama that shares the
 * load and takes over when the first is down, and an OpenAI-compatible server
 * whose API key is sealed at rest and never leaves the server, in an answer
 * or in a log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appFetch, appRequest } from "../support/app-client";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedKey, setRole, userIdOf } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
const API_KEY = "sk-test-5f1c0a9e7b2d4c68a3e1f0b9d7c5a2e4";

let app: TestApp;
let first: OllamaSim;
let second: OllamaSim;
let openai: OllamaSim;
let admin: Browser;
let user: Browser;
let userKey: string;

beforeAll(async () => {
  [first, second, openai] = await Promise.all([startOllamaSim(), startOllamaSim(), startOllamaSim()]);
  app = await setupTestApp({ OLLAMA_BASE_URL: first.url, RATE_LIMIT_REQUESTS: "100000" });
  const { ensureDefaultRunner } = await import("@/lib/runners/runner-records");
  await ensureDefaultRunner();
  admin = new Browser();
  await admin.signUp("admin@example.com", "the admin's long password");
  await setRole(app.databaseUrl, await userIdOf(app.databaseUrl, "admin@example.com"), "ADMIN");
  user = new Browser("203.0.113.20");
  await user.signUp("user@example.com", "the user's long password");
  const userId = await userIdOf(app.databaseUrl, "user@example.com");
  await setRole(app.databaseUrl, userId, "USER");
  userKey = await seedKey({ userId });
});

afterAll(async () => {
  await Promise.all([first, second, openai].map((s) => s?.close().catch(() => {})));
});

function v1(path: string, json?: unknown) {
  return appFetch(
    appRequest(path, {
      method: json === undefined ? "GET" : "POST",
      json,
      headers: { authorization: `Bearer ${userKey}` },
    }),
  );
}

const ask = (content: string, stream = false) =>
  v1("/v1/chat/completions", { model: MODEL, stream, messages: [{ role: "user", content }] });

describe("adding runners", () => {
  it("validates the base URL and the name, and refuses a second runner of the same name", async () => {
    for (const baseUrl of [
      "file:///etc/passwd",
      "ftp://x",
      "not a url",
      "http://user:pw@host:1",
      "javascript:alert(1)",
    ]) {
      const res = await admin.post("/api/admin/runners", { name: "bad", kind: "ollama", baseUrl });
      expect(res.status, baseUrl).toBe(400);
      expect((await res.json()).error.message).toMatch(/^baseUrl: /);
    }
    const slash = await admin.post("/api/admin/runners", {
      name: "a/b",
      kind: "ollama",
      baseUrl: second.url,
    });
    expect(slash.status).toBe(400);
    const taken = await admin.post("/api/admin/runners", {
      name: "Ollama",
      kind: "ollama",
      baseUrl: second.url,
    });
    expect(taken.status).toBe(409);
    expect(await query(app.databaseUrl, "SELECT 1 FROM runner")).toHaveLength(1);
  });

  it("keeps the default runner's URL and refuses to delete it", async () => {
    const url = await admin.patch("/api/admin/runners/default", { baseUrl: second.url });
    expect(url.status).toBe(409);
    expect((await url.json()).error.message).toMatch(/OLLAMA_BASE_URL/);
    const del = await admin.delete("/api/admin/runners/default");
    expect(del.status).toBe(409);
    const [row] = await query<{ base_url: string }>(app.databaseUrl, "SELECT base_url FROM runner");
    expect(row?.base_url).toBe(first.url);
  });

  it("adds a second Ollama and shows each runner's status and version", async () => {
    const res = await admin.post("/api/admin/runners", {
      name: "gpu-box",
      kind: "ollama",
      baseUrl: `${second.url}/`,
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name: "gpu-box", kind: "ollama", baseUrl: second.url, hasApiKey: false });

    const list = (await (await admin.get("/api/admin/runners?status=1")).json()).data;
    expect(list.map((r: { name: string }) => r.name)).toEqual(["Ollama", "gpu-box"]);
    for (const r of list) {
      expect(r.status).toMatchObject({ reachable: true, version: "0.12.3", error: null });
      expect(r.status.latencyMs).toBeGreaterThanOrEqual(0);
    }
    // The same model on both runners is one model to users.
    const models = (await (await v1("/v1/models")).json()).data.map((m: { id: string }) => m.id);
    expect(models.filter((id: string) => id === MODEL)).toHaveLength(1);
  });
});

describe("two Ollama runners with the same model", () => {
  it("sends each request to the least busy one", async () => {
    for (const sim of [first, second]) sim.setFaults({ tokensPerSecond: 20 });
    const before = [first.completedGenerations, second.completedGenerations];
    const answers = [ask("one", true), ask("two", true)];
    await vi.waitUntil(() => first.activeGenerations + second.activeGenerations === 2, { timeout: 5000 });
    // One each, not both on the first.
    expect([first.activeGenerations, second.activeGenerations]).toEqual([1, 1]);
    const third = ask("three", true);
    await vi.waitUntil(() => first.activeGenerations + second.activeGenerations === 3, { timeout: 5000 });
    for (const res of [...(await Promise.all(answers)), await third]) {
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("[DONE]");
    }
    expect(first.completedGenerations - before[0]! + second.completedGenerations - before[1]!).toBe(3);
    for (const sim of [first, second]) sim.resetFaults();
  });

  it("moves requests to the other one when one is stopped mid-run", async () => {
    first.setFaults({ tokensPerSecond: 30 });
    second.setFaults({ tokensPerSecond: 30 });
    const running = [ask("alpha", true), ask("beta", true)];
    await vi.waitUntil(() => first.activeGenerations === 1 && second.activeGenerations === 1, {
      timeout: 5000,
    });
    await first.close();
    // The answer under way on the stopped runner ends with an error; the other finishes.
    const texts = await Promise.all(running.map(async (r) => (await r).text()));
    expect(texts.filter((t) => t.includes("[DONE]"))).toHaveLength(1);
    second.resetFaults();

    const servedBefore = second.completedGenerations;
    for (let i = 0; i < 4; i++) {
      const res = await ask(`after ${i}`);
      expect(res.status).toBe(200);
      expect((await res.json()).choices[0].message.content).not.toBe("");
    }
    expect(second.completedGenerations - servedBefore).toBe(4);
    // The chat takes the same way.
    const chat = await (await user.post("/api/chats", { model: MODEL })).json();
    const sent = await user.post(`/api/chats/${chat.id}/messages`, { content: "hello" });
    expect(sent.status).toBe(201);
    await vi.waitUntil(
      async () =>
        (
          await query<{ status: string }>(
            app.databaseUrl,
            "SELECT status FROM message WHERE chat_id = $1 AND role = 'assistant'",
            [chat.id],
          )
        )[0]?.status === "complete",
      { timeout: 5000 },
    );
    // The stopped runner shows as unreachable, not as a blank.
    const list = (await (await admin.get("/api/admin/runners?status=1")).json()).data;
    expect(list[0].status).toMatchObject({ reachable: false });
    expect(list[0].status.error).toMatch(/cannot be reached/);
    const overview = await (await admin.get("/api/admin/models")).json();
    expect(overview.runners[0].error).toMatch(/cannot be reached/);
    expect(overview.models.some((m: { runnerName: string }) => m.runnerName === "gpu-box")).toBe(true);
  });
});

describe("an OpenAI-compatible runner with an API key", () => {
  let logged: string;
  let responses: string;

  it("seals the key at rest, uses it upstream, and never shows it", async () => {
    const { logger } = await import("@/lib/log/logger");
    const spies = (["trace", "debug", "info", "warn", "error", "fatal"] as const).map((level) =>
      vi.spyOn(logger(), level),
    );
    const bodies: string[] = [];
    const keep = async (res: Response) => {
      bodies.push(JSON.stringify([...res.headers]) + (await res.clone().text()));
      return res;
    };

    const created = await keep(
      await admin.post("/api/admin/runners", {
        name: "lab",
        kind: "openai",
        baseUrl: `${openai.url}/v1`,
        apiKey: API_KEY,
      }),
    );
    expect(created.status).toBe(201);
    const runner = await created.json();
    expect(runner.hasApiKey).toBe(true);

    const [row] = await query<{ api_key_sealed: string }>(
      app.databaseUrl,
      "SELECT api_key_sealed FROM runner WHERE id = $1",
      [runner.id],
    );
    expect(row?.api_key_sealed).toBeTruthy();
    expect(row?.api_key_sealed).not.toContain(API_KEY);
    expect(Buffer.from(row!.api_key_sealed, "base64url").toString("latin1")).not.toContain(API_KEY);

    // Its models carry the runner's name, and requests reach it with the key.
    const models = await keep(await v1("/v1/models"));
    const ids = (await models.json()).data.map((m: { id: string }) => m.id);
    expect(ids).toContain(`lab/${MODEL}`);
    const res = await keep(
      await v1("/v1/chat/completions", {
        model: `lab/${MODEL}`,
        messages: [{ role: "user", content: "hi" }],
      }),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).model).toBe(`lab/${MODEL}`);
    const upstream = openai.requests.filter((r) => r.path === "/v1/chat/completions");
    expect(upstream.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect((upstream.at(-1)?.body as { model: string }).model).toBe(MODEL);

    await keep(await admin.get("/api/admin/runners?status=1"));
    await keep(await admin.get("/api/admin/runners"));
    await keep(await admin.get("/api/admin/models"));
    await keep(await admin.patch(`/api/admin/runners/${runner.id}`, { name: "lab2" }));
    // A server that refuses the key: the failure is reported and logged without the key.
    openai.setFaults({ httpStatus: 401, errorMessage: `Incorrect API key provided: ${API_KEY}` });
    const refused = await keep(
      await v1("/v1/chat/completions", {
        model: `lab2/${MODEL}`,
        messages: [{ role: "user", content: "hi" }],
      }),
    );
    expect(refused.status).toBe(502);
    openai.resetFaults();
    await keep(await admin.patch(`/api/admin/runners/${runner.id}`, { apiKey: "sk-replacement-key" }));
    await keep(await admin.patch(`/api/admin/runners/${runner.id}`, { apiKey: API_KEY }));

    responses = bodies.join("\n");
    logged = spies
      .flatMap((s) => s.mock.calls)
      .map((args) => JSON.stringify(args, errorFields))
      .join("\n");
    spies.forEach((s) => s.mockRestore());
    expect(responses).not.toContain(API_KEY);
    expect(logged).not.toContain(API_KEY);
    const audit = await query<{ details: unknown }>(
      app.databaseUrl,
      "SELECT details FROM audit_log WHERE action LIKE 'runner.%'",
    );
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain(API_KEY);
    expect(JSON.stringify(audit)).toContain("replaced");
  });

  it("a disabled runner's models are gone from /v1/models and refused", async () => {
    const [row] = await query<{ id: string }>(app.databaseUrl, "SELECT id FROM runner WHERE name = 'lab2'");
    expect((await admin.patch(`/api/admin/runners/${row!.id}`, { enabled: false })).status).toBe(200);
    const ids = (await (await v1("/v1/models")).json()).data.map((m: { id: string }) => m.id);
    expect(ids.some((id: string) => id.startsWith("lab2/"))).toBe(false);
    const res = await v1("/v1/chat/completions", {
      model: `lab2/${MODEL}`,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(res.status).toBe(404);
    expect((await admin.delete(`/api/admin/runners/${row!.id}`)).status).toBe(204);
    expect(await query(app.databaseUrl, "SELECT 1 FROM runner WHERE id = $1", [row!.id])).toHaveLength(0);
  });
});

/** Errors serialised with their message and cause, as the logger would write them. */
function errorFields(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }
  return value;
}
