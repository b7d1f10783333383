/**
 * Model pulls as server-side jobs, against the Ollama simulator: one job per
 * model and runner, progress in PostgreSQL at most once a second, Cancel,
 * failures with Ollama's words and Retry, restarts, and the SSE view of a job.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { sseFrames } from "../support/sse";
import { setupTestApp, type TestApp } from "../support/test-app";

interface Job {
  id: string;
  model: string;
  status: string;
  statusLine: string;
  completedBytes: number;
  totalBytes: number;
  percent: number;
  error: string | null;
}

let sim: OllamaSim;
let app: TestApp;
let admin: Browser;
let user: Browser;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(app.databaseUrl, text, values);

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const { ensureDefaultRunner } = await import("@/lib/runners/runner-records");
  await ensureDefaultRunner();
  admin = new Browser();
  user = new Browser("198.51.100.4");
  // The first account is the admin.
  expect((await admin.signUp("admin@example.com", "the admin's long password")).status).toBe(200);
  expect((await user.signUp("user@example.com", "the user's long password")).status).toBe(200);
});

afterAll(() => sim?.close());
beforeEach(() => sim.resetFaults());

async function startPull(model: string, b: Browser = admin) {
  const res = await b.post("/api/admin/pulls", { runnerId: "default", model });
  return { status: res.status, job: (await res.json()) as Job };
}

async function jobRow(id: string): Promise<Job> {
  const [row] = await sql<Job>(
    `SELECT id, model, status, status_line AS "statusLine", completed_bytes::float8 AS "completedBytes",
            total_bytes::float8 AS "totalBytes", percent, error
     FROM pull_job WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no pull_job ${id}`);
  return row;
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (id: string) =>
  waitFor(
    () => jobRow(id),
    (job) => job.status !== "running",
  );
const pullsOf = (model: string) => sim.pulls.filter((p) => p.model === model);

describe("starting a pull", () => {
  it("runs to completion on the server, with the bytes of every layer, an event and an audit row", async () => {
    sim.setFaults({ pullDurationMs: 1500 });
    const { status, job } = await startPull("gemma3:1b");
    expect(status).toBe(201);
    expect(job).toMatchObject({ model: "gemma3:1b", status: "running", runnerName: "Ollama" });

    const done = await finished(job.id);
    expect(done).toMatchObject({ status: "completed", percent: 100, statusLine: "success", error: null });
    // The sum of the simulator's layers: the model's whole size.
    expect(done.totalBytes).toBeGreaterThan(500_000_000);
    expect(done.completedBytes).toBe(done.totalBytes);

    const events = await sql(`SELECT payload FROM app_event WHERE type = 'model.pull.completed'`);
    expect(events.map((e) => e.payload)).toContainEqual({
      runnerId: "default",
      model: "gemma3:1b",
      jobId: job.id,
    });
    const audit = await sql(
      `SELECT actor_email, target_label, details FROM audit_log WHERE action = 'model.pull'`,
    );
    expect(audit).toContainEqual({
      actor_email: "admin@example.com",
      target_label: "gemma3:1b",
      details: { runnerId: "default", jobId: job.id },
    });

    // Every user's picker lists it, without a restart.
    const models = (await (await user.get("/api/models")).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toContain("gemma3:1b");
  });

  it("makes two pulls of one model on one runner one job, whoever asks", async () => {
    sim.setFaults({ pullDurationMs: 1500 });
    const [a, b] = await Promise.all([startPull("phi3:mini"), startPull("phi3:mini")]);
    expect(a.job.id).toBe(b.job.id);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const c = await startPull("phi3:mini");
    expect(c).toMatchObject({ status: 200, job: { id: a.job.id } });
    await finished(a.job.id);
    expect(pullsOf("phi3:mini")).toHaveLength(1);
    const rows = await sql(`SELECT id FROM pull_job WHERE model = 'phi3:mini'`);
    expect(rows).toHaveLength(1);
    // Once that one is over, the next pull is a new job.
    const again = await startPull("phi3:mini");
    expect(again.status).toBe(201);
    expect(again.job.id).not.toBe(a.job.id);
    await finished(again.job.id);
  });

  it("names a model without a tag by its :latest tag, so both spellings are one job", async () => {
    sim.setFaults({ pullDurationMs: 1000 });
    const bare = await startPull("mistral");
    const tagged = await startPull("mistral:latest");
    expect(bare.job.model).toBe("mistral:latest");
    expect(tagged).toMatchObject({ status: 200, job: { id: bare.job.id } });
    await finished(bare.job.id);
  });

  it("answers 404 for a runner that does not exist", async () => {
    const res = await admin.post("/api/admin/pulls", { runnerId: "no-such-runner", model: "gemma3:1b" });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/runner/i);
  });
});

describe("progress", () => {
  it("is written to the row at most once a second", async () => {
    await sql(`CREATE TABLE IF NOT EXISTS pull_job_write (job_id uuid, at timestamptz, status text)`);
    await sql(`
      CREATE OR REPLACE FUNCTION record_pull_job_write() RETURNS trigger AS $$
      BEGIN
        INSERT INTO pull_job_write VALUES (NEW.id, clock_timestamp(), NEW.status::text);
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await sql(`DROP TRIGGER IF EXISTS pull_job_write_trigger ON pull_job`);
    await sql(`CREATE TRIGGER pull_job_write_trigger AFTER UPDATE ON pull_job
               FOR EACH ROW EXECUTE FUNCTION record_pull_job_write()`);
    // ~40 progress lines over 4 s: without a limit, 40 writes.
    sim.setFaults({ pullDurationMs: 4000 });
    const { job } = await startPull("llama3.1:8b");
    await finished(job.id);
    await sql(`DROP TRIGGER pull_job_write_trigger ON pull_job`);

    const writes = await sql<{ at: Date; status: string }>(
      `SELECT at, status FROM pull_job_write WHERE job_id = $1 ORDER BY at`,
      [job.id],
    );
    const progress = writes.filter((w) => w.status === "running");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < progress.length; i++) {
      const gap = progress[i]!.at.getTime() - progress[i - 1]!.at.getTime();
      expect(gap).toBeGreaterThanOrEqual(950);
    }
    expect(writes.at(-1)?.status).toBe("completed");
  });

  it("streams over SSE from the job's state to 100%, then ends", async () => {
    sim.setFaults({ pullDurationMs: 3000 });
    const { job } = await startPull("qwen2.5:1.5b");
    const res = await admin.get(`/api/admin/pulls/${job.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const seen: Array<{ event: string; job: Job }> = [];
    for await (const frame of sseFrames(res.body!))
      seen.push({ event: frame.event, job: JSON.parse(frame.data) });

    expect(seen.at(-1)).toMatchObject({ event: "done", job: { status: "completed", percent: 100 } });
    expect(seen.slice(0, -1).every((s) => s.event === "progress" && s.job.status === "running")).toBe(true);
    const percents = seen.map((s) => s.job.percent);
    for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]!);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    const midway = seen.find((s) => s.job.percent > 0 && s.job.percent < 100)!.job;
    expect(midway.completedBytes).toBeGreaterThan(0);
    expect(midway.completedBytes).toBeLessThan(midway.totalBytes);
    expect(midway.statusLine).toMatch(/^pulling [0-9a-f]{12}$/);
  });

  it("picks up the current state when a watcher reconnects, and shows one job to every admin", async () => {
    sim.setFaults({ pullDurationMs: 4000 });
    const { job } = await startPull("gemma2:2b");
    const controller = new AbortController();
    const first = await admin.get(`/api/admin/pulls/${job.id}/events`, { signal: controller.signal });
    let before = 0;
    for await (const frame of sseFrames(first.body!)) {
      before = (JSON.parse(frame.data) as Job).percent;
      if (before > 10) break;
    }
    controller.abort();

    const again = await admin.get(`/api/admin/pulls/${job.id}/events`);
    const frames = sseFrames(again.body!);
    const resumed = JSON.parse((await frames.next()).value!.data) as Job;
    expect(resumed.percent).toBeGreaterThanOrEqual(before);
    await frames.return(undefined);

    // A second admin, on another page load, watches the same job.
    const other = new Browser("192.0.2.44");
    await other.signUp("second-admin@example.com", "another long password");
    await sql(`UPDATE "user" SET role = 'ADMIN' WHERE email = 'second-admin@example.com'`);
    const watched = await other.get(`/api/admin/pulls/${job.id}/events`);
    let last: { event: string; job?: Job } = { event: "" };
    for await (const frame of sseFrames(watched.body!))
      last = { event: frame.event, job: JSON.parse(frame.data) };
    expect(last).toMatchObject({ event: "done", job: { status: "completed", percent: 100 } });
  });

  it("follows a pull another process runs, from its row", async () => {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO pull_job (runner_id, model, owner, total_bytes) VALUES ('default', 'elsewhere:1b', 'another-process:3000', 1000)
       RETURNING id`,
    );
    const id = row!.id;
    const res = await admin.get(`/api/admin/pulls/${id}/events`);
    const frames = sseFrames(res.body!);
    const next = async () => JSON.parse((await frames.next()).value!.data) as Job;
    expect(await next()).toMatchObject({ status: "running", completedBytes: 0 });
    // The other process writes its progress...
    await sql(
      `UPDATE pull_job SET completed_bytes = 400, percent = 40, status_line = 'pulling 0123456789ab', updated_at = now() WHERE id = $1`,
      [id],
    );
    expect(await next()).toMatchObject({
      completedBytes: 400,
      percent: 40,
      statusLine: "pulling 0123456789ab",
    });
    // ...then finishes.
    await sql(
      `UPDATE pull_job SET status = 'completed', completed_bytes = 1000, percent = 100, updated_at = now() WHERE id = $1`,
      [id],
    );
    const last = await frames.next();
    expect(last.value).toMatchObject({ event: "done" });
    expect(JSON.parse(last.value!.data)).toMatchObject({ status: "completed", percent: 100 });
    expect((await frames.next()).done).toBe(true);
  });

  it("answers 404 for the events of a pull that does not exist", async () => {
    expect((await admin.get(`/api/admin/pulls/00000000-0000-4000-8000-000000000000/events`)).status).toBe(
      404,
    );
    expect((await admin.get(`/api/admin/pulls/not-a-uuid/events`)).status).toBe(404);
  });
});

describe("cancel", () => {
  it("closes the download at Ollama and marks the job cancelled, with an audit row", async () => {
    sim.setFaults({ pullDurationMs: 30_000 });
    const { job } = await startPull("llama3.3:70b");
    await waitFor(
      () => Promise.resolve(pullsOf("llama3.3:70b")[0]),
      (p) => (p?.downloadedBytes ?? 0) > 0,
    );
    const res = await admin.post(`/api/admin/pulls/${job.id}/cancel`);
    expect(res.status).toBe(200);

    const done = await finished(job.id);
    expect(done.status).toBe("cancelled");
    await waitFor(
      () => Promise.resolve(pullsOf("llama3.3:70b")[0]?.outcome),
      (o) => o === "closed",
    );
    const audit = await sql(`SELECT target_label, details FROM audit_log WHERE action = 'model.pull.cancel'`);
    expect(audit).toContainEqual({
      target_label: "llama3.3:70b",
      details: { runnerId: "default", jobId: job.id },
    });
    // Nothing left to cancel.
    expect((await admin.post(`/api/admin/pulls/${job.id}/cancel`)).status).toBe(409);
  });

  it("stops a pull when the Cancel reached another process (the flag in the row)", async () => {
    sim.setFaults({ pullDurationMs: 30_000 });
    const { job } = await startPull("deepseek-r1:7b");
    await waitFor(
      () => Promise.resolve(pullsOf("deepseek-r1:7b")[0]),
      (p) => (p?.downloadedBytes ?? 0) > 0,
    );
    // What /cancel does in a process that does not run the pull.
    await sql(`UPDATE pull_job SET cancel_requested = true WHERE id = $1`, [job.id]);
    const done = await waitFor(
      () => jobRow(job.id),
      (j) => j.status !== "running",
      3000,
    );
    expect(done.status).toBe("cancelled");
    await waitFor(
      () => Promise.resolve(pullsOf("deepseek-r1:7b")[0]?.outcome),
      (o) => o === "closed",
    );
  });
});

describe("failure and Retry", () => {
  it("keeps Ollama's message for a model the registry does not have", async () => {
    const { job } = await startPull("doesnotexist:7b");
    const done = await finished(job.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe("pull model manifest: file does not exist");
    const view = ((await (await admin.get("/api/admin/pulls")).json()) as { jobs: Job[] }).jobs.find(
      (j) => j.id === job.id,
    );
    expect(view).toMatchObject({ status: "failed", error: done.error });
  });

  it("retries a failed pull as a new job that resumes from the bytes already downloaded", async () => {
    const registryGone =
      'max retries exceeded: Get "https://registry.ollama.ai/v2/library/granite3.3/blobs/sha256:77bc": dial tcp: lookup registry.ollama.ai: no such host';
    sim.setFaults({ pullDurationMs: 1000, pullError: registryGone });
    const { job } = await startPull("granite3.3:2b");
    const failed = await finished(job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(registryGone);
    const kept = pullsOf("granite3.3:2b")[0]!.downloadedBytes;
    expect(kept).toBeGreaterThan(0);

    // The registry is back.
    sim.resetFaults();
    sim.setFaults({ pullDurationMs: 1000 });
    const retry = await admin.post(`/api/admin/pulls/${job.id}/retry`);
    expect(retry.status).toBe(201);
    const second = (await retry.json()) as Job;
    expect(second.id).not.toBe(job.id);
    expect(await finished(second.id)).toMatchObject({ status: "completed", percent: 100 });
    expect(pullsOf("granite3.3:2b")[1]).toMatchObject({ resumedFromBytes: kept, outcome: "completed" });
    // A completed pull has nothing to retry.
    expect((await admin.post(`/api/admin/pulls/${second.id}/retry`)).status).toBe(409);
  });
});

describe("a restart mid-pull", () => {
  /** Downloads part of a model straight from the simulator, as a pull cut short by a dying Hearth would. */
  async function partialDownload(model: string) {
    sim.setFaults({ pullDurationMs: 2000 });
    const controller = new AbortController();
    const res = await fetch(`${sim.url}/api/pull`, {
      method: "POST",
      body: JSON.stringify({ model }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    while (((await reader.read()).value, pullsOf(model)[0]!.downloadedBytes === 0));
    controller.abort();
    await waitFor(
      () => Promise.resolve(pullsOf(model)[0]!.outcome),
      (o) => o === "closed",
    );
    return pullsOf(model)[0]!.downloadedBytes;
  }

  it("marks a job whose owner stopped beating interrupted, and Retry resumes the download", async () => {
    const kept = await partialDownload("smollm2:360m");
    const [row] = await sql<{ id: string }>(
      `INSERT INTO pull_job (runner_id, model, owner, status_line, completed_bytes, total_bytes, percent, updated_at)
       VALUES ('default', 'smollm2:360m', 'a-host-that-died:3000', 'pulling 1a2b3c4d5e6f', $1, 216000000, 10,
               now() - interval '10 minutes')
       RETURNING id`,
      [kept],
    );
    const { recoverInterruptedPulls } = await import("@/lib/pulls/recover-interrupted-pulls");
    expect(await recoverInterruptedPulls({ atBoot: false })).toBe(1);
    expect(await jobRow(row!.id)).toMatchObject({
      status: "interrupted",
      statusLine: "pulling 1a2b3c4d5e6f",
    });

    sim.setFaults({ pullDurationMs: 1000 });
    const retry = await admin.post(`/api/admin/pulls/${row!.id}/retry`);
    expect(retry.status).toBe(201);
    const second = (await retry.json()) as Job;
    expect(await finished(second.id)).toMatchObject({ status: "completed", percent: 100 });
    expect(pullsOf("smollm2:360m")[1]).toMatchObject({ resumedFromBytes: kept, outcome: "completed" });
  });

  it("marks this server's own unfinished pulls at boot, and leaves running ones alone", async () => {
    const { instanceId } = await import("@/lib/chats/instance-id");
    const { recoverInterruptedPulls } = await import("@/lib/pulls/recover-interrupted-pulls");
    const [orphan] = await sql<{ id: string }>(
      `INSERT INTO pull_job (runner_id, model, owner) VALUES ('default', 'tinyllama:1.1b', $1) RETURNING id`,
      [instanceId()],
    );
    sim.setFaults({ pullDurationMs: 4000 });
    const { job: live } = await startPull("orca-mini:3b");
    // A fresh heartbeat: the periodic sweep leaves both alone.
    expect(await recoverInterruptedPulls({ atBoot: false })).toBe(0);
    // At boot, this server's rows no process of it runs are orphans.
    expect(await recoverInterruptedPulls({ atBoot: true })).toBe(1);
    expect((await jobRow(orphan!.id)).status).toBe("interrupted");
    expect((await jobRow(live.id)).status).toBe("running");
    expect((await finished(live.id)).status).toBe("completed");
  });

  it("cancels directly a pull whose process is gone", async () => {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO pull_job (runner_id, model, owner, updated_at)
       VALUES ('default', 'starcoder2:3b', 'a-host-that-died:3000', now() - interval '10 minutes') RETURNING id`,
    );
    expect((await admin.post(`/api/admin/pulls/${row!.id}/cancel`)).status).toBe(200);
    expect((await jobRow(row!.id)).status).toBe("cancelled");
  });
});
