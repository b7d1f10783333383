/**
 * Who may pull models, and what they may ask for: a USER is refused on every
 * pull route and changes nothing; a model name must be one Ollama would pull.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let sim: OllamaSim;
let app: TestApp;
let admin: Browser;
let user: Browser;
let runningId: string;
let failedId: string;

const snapshot = () =>
  query(app.databaseUrl, `SELECT id, status, cancel_requested, updated_at FROM pull_job ORDER BY id`);
const auditCount = async () =>
  Number(
    (await query(app.databaseUrl, `SELECT count(*) FROM audit_log WHERE action LIKE 'model.pull%'`))[0]!
      .count,
  );

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const { ensureDefaultRunner } = await import("@/lib/runners/runner-records");
  await ensureDefaultRunner();
  admin = new Browser();
  user = new Browser("198.51.100.4");
  await admin.signUp("admin@example.com", "the admin's long password");
  await user.signUp("user@example.com", "the user's long password");
  // A pull another process runs (its heartbeat fresh), and a failed one.
  const rows = await query<{ id: string }>(
    app.databaseUrl,
    `INSERT INTO pull_job (runner_id, model, owner, status, error) VALUES
       ('default', 'llama3.2:3b', 'another-process:3000', 'running', NULL),
       ('default', 'doesnotexist:7b', NULL, 'failed', 'pull model manifest: file does not exist')
     RETURNING id`,
  );
  [runningId, failedId] = rows.map((r) => r.id) as [string, string];
});

afterAll(() => sim?.close());

describe("a USER", () => {
  it("gets 403 on every pull route, and nothing changes", async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const pullsBefore = sim.pulls.length;
    const answers = [
      await user.get("/api/admin/pulls"),
      await user.post("/api/admin/pulls", { runnerId: "default", model: "gemma3:1b" }),
      await user.post(`/api/admin/pulls/${runningId}/cancel`),
      await user.post(`/api/admin/pulls/${failedId}/retry`),
      await user.get(`/api/admin/pulls/${runningId}/events`),
    ];
    for (const res of answers) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toBeTruthy();
    }
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(sim.pulls.length).toBe(pullsBefore);
  });

  it("gets 401 when signed out", async () => {
    const nobody = new Browser("192.0.2.99");
    expect((await nobody.get("/api/admin/pulls")).status).toBe(401);
    expect((await nobody.post("/api/admin/pulls", { runnerId: "default", model: "gemma3:1b" })).status).toBe(
      401,
    );
    expect((await nobody.get(`/api/admin/pulls/${runningId}/events`)).status).toBe(401);
  });
});

describe("the model name", () => {
  it.each([
    ["a URL", "https://evil.example/library/llama3.2:3b"],
    ["a path going up", "../../etc/passwd"],
    ["'..' inside", "library/..hidden:latest"],
    ["a space", "llama3.2 :3b"],
    ["a newline", "llama3.2:3b\n"],
    ["a leading space", " llama3.2:3b"],
    ["an empty tag", "llama3.2:"],
    ["an empty name", ""],
    ["a query string", "llama3.2:3b?x=1"],
    ["too many parts", "a/b/c/d:1"],
    ["a name too long", `${"x".repeat(400)}:1b`],
  ])("refuses %s with 400 and a sentence, starting nothing", async (_, model) => {
    const pulls = sim.pulls.length;
    const res = await admin.post("/api/admin/pulls", { runnerId: "default", model });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(/model/i);
    expect(error.message).not.toMatch(/at \w+ \(|node_modules/);
    expect(sim.pulls.length).toBe(pulls);
    const rows = await query(app.databaseUrl, `SELECT 1 FROM pull_job WHERE model = $1`, [model]);
    expect(rows).toHaveLength(0);
  });

  it.each([
    "llama3.2:3b",
    "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
    "library/qwen3",
    "my-registry:5000/team/model:v1.2_3",
  ])("accepts %s", async (model) => {
    const { isValidModelName } = await import("@/lib/models/model-name");
    expect(isValidModelName(model)).toBe(true);
  });

  it("refuses a body that is not a pull request", async () => {
    expect((await admin.post("/api/admin/pulls", { model: "gemma3:1b" })).status).toBe(400);
    expect((await admin.post("/api/admin/pulls", { runnerId: "default", model: 42 })).status).toBe(400);
    expect((await admin.post("/api/admin/pulls", [])).status).toBe(400);
  });
});

describe("an admin", () => {
  it("sees the running pulls first, then the recent ones", async () => {
    const res = await admin.get("/api/admin/pulls");
    expect(res.status).toBe(200);
    const { jobs } = (await res.json()) as {
      jobs: Array<{ id: string; status: string; error: string | null }>;
    };
    expect(jobs.map((j) => j.id)).toEqual([runningId, failedId]);
    expect(jobs[1]).toMatchObject({ status: "failed", error: "pull model manifest: file does not exist" });
  });

  it("gets 404 for a pull that does not exist, whatever its id looks like", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope", "1%27%20OR%201=1"]) {
      expect((await admin.post(`/api/admin/pulls/${id}/cancel`)).status).toBe(404);
      expect((await admin.post(`/api/admin/pulls/${id}/retry`)).status).toBe(404);
    }
  });

  it("gets 409 retrying a pull that is still running", async () => {
    expect((await admin.post(`/api/admin/pulls/${runningId}/retry`)).status).toBe(409);
  });
});
