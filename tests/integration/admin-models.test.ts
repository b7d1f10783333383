/**
 * Installed models at /admin/models: details, delete, unload, and the
 * admin's choices per model (enabled for users, display name, default for new
 * chats). A USER reaches none of it, and changes nothing trying.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appFetch, appRequest } from "../support/app-client";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedKey, setRole, userIdOf } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let sim: OllamaSim;
let admin: Browser;
let user: Browser;
let userKey: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url, RATE_LIMIT_REQUESTS: "100000" });
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

afterAll(() => sim?.close());

function v1(path: string, json?: unknown) {
  return appFetch(
    appRequest(path, {
      method: json === undefined ? "GET" : "POST",
      json,
      headers: { authorization: `Bearer ${userKey}` },
    }),
  );
}

const pickerIds = async (who: Browser) =>
  ((await (await who.get("/api/models")).json()).data as { id: string }[]).map((m) => m.id);
const v1Ids = async () => ((await (await v1("/v1/models")).json()).data as { id: string }[]).map((m) => m.id);
const del = (who: Browser, json: unknown) => who.fetch("/api/admin/models", { method: "DELETE", json });

describe("the installed models", () => {
  it("lists each model with its details and the runner's name, and what is loaded", async () => {
    const chat = await v1("/v1/chat/completions", {
      model: "llama3.2:3b",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(chat.status).toBe(200);
    const overview = await (await admin.get("/api/admin/models")).json();
    expect(overview.runners).toEqual([
      { id: "default", name: "Ollama", kind: "ollama", enabled: true, error: null },
    ]);
    expect(overview.models.find((m: { id: string }) => m.id === "llama3.2:3b")).toEqual({
      id: "llama3.2:3b",
      name: "llama3.2:3b",
      runnerId: "default",
      runnerName: "Ollama",
      runnerKind: "ollama",
      family: "llama",
      parameterSize: "3.2B",
      quantization: "Q4_K_M",
      size: 2_019_393_189,
      modifiedAt: "2025-09-20T10:15:00.000Z",
      capabilities: ["completion", "tools"],
      enabled: true,
      displayName: null,
    });
    expect(overview.running).toEqual([
      expect.objectContaining({ runnerId: "default", name: "llama3.2:3b", size: 2_019_393_189 }),
    ]);
  });

  it("shows a model's details from /api/show", async () => {
    const res = await admin.get("/api/admin/models/details?runnerId=default&model=qwen3:0.6b");
    expect(res.status).toBe(200);
    const details = await res.json();
    expect(details).toMatchObject({
      name: "qwen3:0.6b",
      contextLength: 40_960,
      capabilities: ["completion", "tools", "thinking"],
      quantization: "Q4_K_M",
    });
    expect(details.template).toContain("{{ .Role }}");
    expect(details.parameters).toContain("stop");
    expect(details.modelfile).toContain("FROM ");
    const missing = await admin.get("/api/admin/models/details?runnerId=default&model=nothere:1b");
    expect(missing.status).toBe(404);
    const noRunner = await admin.get("/api/admin/models/details?runnerId=nope&model=qwen3:0.6b");
    expect(noRunner.status).toBe(404);
  });

  it("unloads a running model", async () => {
    const res = await admin.post("/api/admin/models/unload", { runnerId: "default", model: "llama3.2:3b" });
    expect(res.status).toBe(204);
    const unload = sim.requests.at(-1)!;
    expect(unload).toMatchObject({ method: "POST", path: "/api/generate" });
    expect(unload.body).toMatchObject({ model: "llama3.2:3b", keep_alive: 0 });
    expect((await (await admin.get("/api/admin/models")).json()).running).toEqual([]);
  });

  it("refuses model names outside Ollama's grammar before asking Ollama", async () => {
    const asked = sim.requests.length;
    for (const model of [
      "http://evil.example/x",
      "../../etc/passwd",
      "llama 3",
      "a/b/c/d",
      "x:",
      "a".repeat(400),
    ]) {
      for (const res of [
        await del(admin, { runnerId: "default", model }),
        await admin.post("/api/admin/models/unload", { runnerId: "default", model }),
        await admin.get(`/api/admin/models/details?runnerId=default&model=${encodeURIComponent(model)}`),
      ]) {
        expect(res.status, model).toBe(400);
        expect((await res.json()).error.message).toMatch(/^model: /);
      }
    }
    expect(sim.requests.length).toBe(asked);
  });

  it("deletes a model: gone from Ollama and from every picker at once, with an audit row and an event", async () => {
    expect(await pickerIds(user)).toContain("qwen3:0.6b");
    const res = await del(admin, { runnerId: "default", model: "qwen3:0.6b" });
    expect(res.status).toBe(204);
    expect(sim.requests.at(-1)).toMatchObject({ method: "DELETE", path: "/api/delete" });
    expect(await pickerIds(user)).not.toContain("qwen3:0.6b");
    expect(await v1Ids()).not.toContain("qwen3:0.6b");
    const [audit] = await query<{ actor_email: string; target_label: string }>(
      app.databaseUrl,
      "SELECT actor_email, target_label FROM audit_log WHERE action = 'model.delete'",
    );
    expect(audit).toEqual({ actor_email: "admin@example.com", target_label: "qwen3:0.6b" });
    const events = await query<{ payload: unknown }>(
      app.databaseUrl,
      "SELECT payload FROM app_event WHERE type = 'model.deleted'",
    );
    expect(events).toEqual([{ payload: { runnerId: "default", model: "qwen3:0.6b" } }]);
    expect((await del(admin, { runnerId: "default", model: "qwen3:0.6b" })).status).toBe(404);
  });
});

describe("the admin's choices per model", () => {
  it("a disabled model leaves the pickers and /v1, and is refused everywhere, yet admins still see it", async () => {
    const chat = await (await user.post("/api/chats", { model: "llava:7b" })).json();
    const res = await admin.patch("/api/admin/models/settings", { model: "llava:7b", enabled: false });
    expect(res.status).toBe(200);
    expect(await pickerIds(user)).not.toContain("llava:7b");
    expect(await pickerIds(admin)).not.toContain("llava:7b");
    expect(await v1Ids()).not.toContain("llava:7b");
    expect((await v1("/v1/models/llava:7b")).status).toBe(404);

    const refused = await v1("/v1/chat/completions", {
      model: "llava:7b",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({
      error: {
        message: "The model 'llava:7b' does not exist.",
        type: "invalid_request_error",
        param: "model",
        code: "model_not_found",
      },
    });
    const stream = await v1("/v1/chat/completions", {
      model: "llava:7b",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(stream.status).toBe(404);
    expect((await v1("/v1/embeddings", { model: "llava:7b", input: "x" })).status).toBe(404);

    const generated = sim.completedGenerations;
    const sent = await user.post(`/api/chats/${chat.id}/messages`, { content: "describe this" });
    expect(sent.status).toBe(404);
    expect(await query(app.databaseUrl, "SELECT 1 FROM message WHERE chat_id = $1", [chat.id])).toHaveLength(
      0,
    );
    expect(sim.completedGenerations).toBe(generated);

    const overview = await (await admin.get("/api/admin/models")).json();
    expect(overview.models.find((m: { id: string }) => m.id === "llava:7b")).toMatchObject({
      enabled: false,
    });

    await admin.patch("/api/admin/models/settings", { model: "llava:7b", enabled: true });
    expect(await pickerIds(user)).toContain("llava:7b");
  });

  it("a disabled model cannot be reached under another spelling of its name", async () => {
    await admin.patch("/api/admin/models/settings", { model: "nomic-embed-text:latest", enabled: false });
    for (const model of ["nomic-embed-text", "registry.ollama.ai/library/nomic-embed-text"]) {
      expect((await v1("/v1/embeddings", { model, input: "x" })).status, model).toBe(404);
    }
    await admin.patch("/api/admin/models/settings", { model: "nomic-embed-text:latest", enabled: true });
    expect((await v1("/v1/embeddings", { model: "nomic-embed-text", input: "x" })).status).toBe(200);
  });

  it("names a model for the pickers and makes it the default for new chats", async () => {
    const named = await admin.patch("/api/admin/models/settings", {
      model: "llama3.2:3b",
      displayName: "Llama (fast)",
      isDefault: true,
    });
    expect(named.status).toBe(200);
    const body = await (await user.get("/api/models")).json();
    expect(body.defaultModel).toBe("llama3.2:3b");
    expect(body.data.find((m: { id: string }) => m.id === "llama3.2:3b").name).toBe("Llama (fast)");
    const audit = await query<{ details: { before: unknown; after: unknown } }>(
      app.databaseUrl,
      "SELECT details FROM audit_log WHERE action = 'model.update' AND target_id = 'llama3.2:3b'",
    );
    expect(audit.at(-1)?.details).toEqual({
      before: { enabled: true, displayName: null, isDefault: false },
      after: { enabled: true, displayName: "Llama (fast)", isDefault: true },
    });
    await admin.patch("/api/admin/models/settings", {
      model: "llama3.2:3b",
      displayName: "",
      isDefault: false,
    });
    const reset = await (await user.get("/api/models")).json();
    expect(reset.defaultModel).toBe("");
    expect(reset.data.find((m: { id: string }) => m.id === "llama3.2:3b").name).toBe("llama3.2:3b");
  });
});

describe("a USER", () => {
  it("is refused every admin route with 403 and changes nothing; the signed-out get 401", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/admin/runners"],
      ["GET", "/api/admin/runners?status=1"],
      ["POST", "/api/admin/runners", { name: "mine", kind: "ollama", baseUrl: "http://127.0.0.1:1" }],
      ["PATCH", "/api/admin/runners/default", { name: "hijacked", enabled: false }],
      ["DELETE", "/api/admin/runners/default"],
      ["GET", "/api/admin/models"],
      ["GET", "/api/admin/models/details?runnerId=default&model=llama3.2:3b"],
      ["DELETE", "/api/admin/models", { runnerId: "default", model: "llama3.2:3b" }],
      ["POST", "/api/admin/models/unload", { runnerId: "default", model: "llama3.2:3b" }],
      ["PATCH", "/api/admin/models/settings", { model: "llama3.2:3b", enabled: false, isDefault: true }],
    ];
    const snapshot = async () =>
      JSON.stringify([
        await query(app.databaseUrl, "SELECT id, name, enabled, base_url FROM runner ORDER BY id"),
        await query(app.databaseUrl, "SELECT * FROM model_setting ORDER BY model"),
        await query(app.databaseUrl, "SELECT key, value FROM app_setting ORDER BY key"),
        await query(app.databaseUrl, "SELECT count(*) FROM audit_log"),
      ]);
    const before = await snapshot();
    const asked = sim.requests.length;
    for (const [method, url, json] of routes) {
      const res = await user.fetch(url, { method, json });
      expect(res.status, `${method} ${url}`).toBe(403);
      const out = await new Browser("198.51.100.9").fetch(url, { method, json });
      expect(out.status, `${method} ${url} signed out`).toBe(401);
    }
    expect(await snapshot()).toBe(before);
    expect(sim.requests.length).toBe(asked);
    expect(await pickerIds(user)).toContain("llama3.2:3b");
  });
});
