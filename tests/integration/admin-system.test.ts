/**
 * GET /api/admin/system: the database, every runner, the app and the disk,
 * each checked in parallel under its own deadline, so one dead runner
 * neither hides the others nor stalls the page. An OpenAI-compatible
 * runner's key goes to that server only, never into the answer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import pkg from "../../package.json";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { freePort } from "../support/pg-harness";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let sim: OllamaSim;
let hung: OllamaSim;
let app: TestApp;
let admin: Browser;
const OPENAI_KEY = "sk-test-admin-system-0123456789abcdef";

beforeAll(async () => {
  [sim, hung] = await Promise.all([startOllamaSim(), startOllamaSim()]);
  hung.setFaults({ hangAll: true });
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const { ensureDefaultRunner } = await import("@/lib/runners/runner-records");
  const { encryptSecret } = await import("@/lib/crypto/secret-box");
  await ensureDefaultRunner();
  const closed = `http://127.0.0.1:${await freePort()}`;
  const runners: [string, string, string, string, string | null, boolean][] = [
    ["hung", "Hung box", "ollama", hung.url, null, true],
    ["refused", "Switched-off box", "ollama", closed, null, true],
    ["vllm", "vLLM", "openai", `${sim.url}/v1`, encryptSecret(OPENAI_KEY), true],
    ["off", "Disabled box", "ollama", "http://127.0.0.1:9", null, false],
  ];
  for (const [id, name, kind, url, sealed, enabled] of runners) {
    await query(
      app.databaseUrl,
      `INSERT INTO runner (id, name, kind, base_url, api_key_sealed, enabled, position) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
      [id, name, kind, url, sealed, enabled],
    );
  }
  admin = new Browser();
  await admin.signUp("admin@example.com", "the admin's long password");
});

afterAll(async () => {
  await Promise.all([sim?.close(), hung?.close()]);
});

type Info = import("@/lib/shared/admin-system").SystemInfo;

it("reports the database, the app and the disk with sane figures", async () => {
  const form = new FormData();
  form.set("file", new Blob(["hello, disk"]), "note.md");
  expect((await admin.fetch("/api/files", { body: form })).status).toBe(201);

  const res = await admin.get("/api/admin/system");
  expect(res.status).toBe(200);
  const info = (await res.json()) as Info;
  expect(info.database).toMatchObject({ reachable: true, error: null });
  expect(info.database.version).toMatch(/^\d+(\.\d+)?/);
  expect(info.database.sizeBytes).toBeGreaterThan(1_000_000);
  expect(info.database.latencyMs).toBeGreaterThanOrEqual(0);
  expect(info.app.version).toBe(pkg.version);
  expect(info.app.uptimeSeconds).toBeGreaterThanOrEqual(0);
  expect(Date.parse(info.app.startedAt)).toBeLessThanOrEqual(Date.now());
  expect(info.disk).toMatchObject({ uploadsBytes: "hello, disk".length, uploadsFiles: 1 });
  expect(info.disk.totalBytes).toBeGreaterThan(0);
  expect(info.disk.freeBytes).toBeGreaterThan(0);
  expect(info.disk.freeBytes!).toBeLessThanOrEqual(info.disk.totalBytes!);
});

it("checks every runner at once: the live ones answer, a hung one fails after its deadline, not the page's", async () => {
  const started = Date.now();
  const res = await admin.get("/api/admin/system");
  const took = Date.now() - started;
  expect(res.status).toBe(200);
  const text = await res.text();
  const { runners } = JSON.parse(text) as Info;
  const byId = Object.fromEntries(runners.map((r) => [r.id, r]));

  expect(byId.default).toMatchObject({ kind: "ollama", reachable: true, error: null, baseUrl: sim.url });
  expect(byId.default!.version).toMatch(/^\d+\.\d+/);
  expect(byId.hung).toMatchObject({
    reachable: false,
    error: "Hung box did not answer within 2 seconds.",
    version: null,
  });
  expect(byId.refused).toMatchObject({ reachable: false, error: "Switched-off box cannot be reached." });
  expect(byId.off).toMatchObject({ enabled: false, reachable: false, error: "disabled" });
  expect(byId.vllm).toMatchObject({ kind: "openai", reachable: true, version: null });
  expect(byId.vllm!.models).toBeGreaterThan(0);
  // Checked side by side: one deadline, not one per dead runner.
  expect(took).toBeLessThan(4_000);

  // The key went to that server, decrypted, and nowhere else.
  const sent = sim.requests.filter((r) => r.path === "/v1/models");
  expect(sent.at(-1)?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
  expect(text).not.toContain(OPENAI_KEY);
  expect(text).not.toContain("sk-test");
});

it("refuses a USER with 403 and the signed-out with 401", async () => {
  const bob = new Browser("203.0.113.20");
  await bob.signUp("bob@example.com", "bob's own long password");
  expect((await bob.get("/api/admin/system")).status).toBe(403);
  expect((await new Browser().get("/api/admin/system")).status).toBe(401);
});
