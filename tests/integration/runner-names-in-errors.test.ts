/**
 * An error from an Ollama runner names that runner as the admin named it, so
 * that "cannot be reached" points at the box that is down: a second runner
 * called gpu-box is "gpu-box", the built-in one stays "Ollama".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let builtIn: OllamaSim;
let admin: Browser;
let gpuBoxId: string;

interface RunnerStatus {
  name: string;
  status: { reachable: boolean; error: string | null };
}

const statuses = async (): Promise<RunnerStatus[]> =>
  (await (await admin.get("/api/admin/runners?status=1")).json()).data;

beforeAll(async () => {
  builtIn = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: builtIn.url });
  const { ensureDefaultRunner } = await import("@/lib/runners/runner-records");
  await ensureDefaultRunner();
  admin = new Browser();
  expect((await admin.signUp("admin@example.com", "the admin's long password")).status).toBe(200);

  // A second Ollama whose server has stopped: its port refuses connections.
  const stopped = await startOllamaSim();
  await stopped.close();
  const res = await admin.post("/api/admin/runners", {
    name: "gpu-box",
    kind: "ollama",
    baseUrl: stopped.url,
  });
  expect(res.status).toBe(201);
  gpuBoxId = (await res.json()).id;
});

afterAll(() => builtIn?.close().catch(() => {}));

describe("runner errors", () => {
  it("name the added runner that cannot be reached, not Ollama", async () => {
    const byName = Object.fromEntries((await statuses()).map((r) => [r.name, r.status]));
    expect(byName["gpu-box"]).toMatchObject({ reachable: false, error: "gpu-box cannot be reached." });
    expect(byName["Ollama"]).toMatchObject({ reachable: true, error: null });
  });

  it("name it in a pull that fails there", async () => {
    const res = await admin.post("/api/admin/pulls", { runnerId: gpuBoxId, model: "gemma3:1b" });
    const body = await res.json();
    let error: string | null = body.error?.message ?? null;
    for (let i = 0; error === null && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      [{ error } = { error: null }] = await query<{ error: string | null }>(
        app.databaseUrl,
        `SELECT error FROM pull_job WHERE id = $1`,
        [body.id],
      );
    }
    expect(error).toMatch(/^gpu-box /);
    expect(error).not.toMatch(/Ollama/);
  });

  it("call the built-in runner Ollama", async () => {
    await builtIn.close();
    const byName = Object.fromEntries((await statuses()).map((r) => [r.name, r.status]));
    expect(byName["Ollama"]).toMatchObject({ reachable: false, error: "Ollama cannot be reached." });
  });
});
