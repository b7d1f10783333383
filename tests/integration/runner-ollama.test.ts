/** The Ollama runner against the simulator: chat still works, and the admin calls behave as the console needs. */
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOllamaRunner, type OllamaRunner, type PullProgress } from "@/lib/runners/ollama/ollama-runner";
import { RunnerError } from "@/lib/runners/runner-error";
import type { ChatEvent } from "@/lib/runners/types";
import { DEFAULT_MODELS, expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";

const SCRATCH = "scratch-model:1b";
let sim: OllamaSim;
let runner: OllamaRunner;

beforeAll(async () => {
  sim = await startOllamaSim({
    models: [...DEFAULT_MODELS, { name: SCRATCH, capabilities: ["completion"] }],
  });
  runner = createOllamaRunner({ baseUrl: sim.url });
});
afterAll(() => sim.close());
afterEach(() => sim.resetFaults());

/** The error a promise rejects with, which must be a RunnerError. */
async function runnerError(promise: Promise<unknown>): Promise<RunnerError> {
  const err = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RunnerError);
  return err as RunnerError;
}

async function pullAll(model: string, signal = new AbortController().signal): Promise<PullProgress[]> {
  const events: PullProgress[] = [];
  for await (const event of runner.pull(model, signal)) events.push(event);
  return events;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the Runner interface, after the refactor", () => {
  it("chats, lists and embeds as before", async () => {
    const messages = [{ role: "user" as const, content: "Tell me about lighthouses." }];
    const events: ChatEvent[] = [];
    for await (const batch of runner.chat({ model: "llama3.2:3b", messages }, new AbortController().signal)) {
      events.push(...batch);
    }
    const text = events.map((e) => (e.type === "content" ? e.text : "")).join("");
    expect(text).toBe(expectedReply("llama3.2:3b", messages));
    expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "stop" });

    expect((await runner.listModels()).map((m) => m.id)).toContain("llama3.2:3b");
    const embedded = await runner.embed(
      { model: "nomic-embed-text", input: ["a", "b"] },
      new AbortController().signal,
    );
    expect(embedded.embeddings.map((v) => v.length)).toEqual([768, 768]);
  });

  it("delivers the text before an error line, then fails with Ollama's message", async () => {
    sim.setFaults({ errorAfterTokens: 3, errorMessage: "the GPU fell over" });
    const seen: ChatEvent[] = [];
    const err = await runnerError(
      (async () => {
        const messages = [{ role: "user" as const, content: "Hi" }];
        for await (const batch of runner.chat(
          { model: "llama3.2:3b", messages },
          new AbortController().signal,
        )) {
          seen.push(...batch);
        }
      })(),
    );
    expect(err.kind).toBe("upstream_error");
    expect(err.message).toContain("the GPU fell over");
    expect(seen.filter((e) => e.type === "content")).toHaveLength(3);
  });
});

describe("admin calls", () => {
  it("reports Ollama's version", async () => {
    expect(await runner.version()).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("shows each default model's details and capabilities", async () => {
    for (const model of DEFAULT_MODELS) {
      expect(await runner.show(model.name)).toEqual({
        name: model.name,
        family: model.family,
        parameterSize: model.parameterSize,
        quantization: model.quantizationLevel,
        contextLength: model.contextLength,
        capabilities: model.capabilities,
        template: expect.stringContaining("{{"),
        parameters: expect.any(String),
        modelfile: expect.stringContaining(`# FROM ${model.name}`),
        license: "",
      });
    }
    expect((await runner.show("qwen3:0.6b")).capabilities).toContain("thinking");
    expect((await runner.show("llava:7b")).capabilities).toContain("vision");
    expect((await runner.show("nomic-embed-text")).capabilities).toEqual(["embedding"]);
  });

  it("refuses to show a model that is not installed: not_found", async () => {
    const err = await runnerError(runner.show("nope:1b"));
    expect(err.kind).toBe("not_found");
    expect(err.status).toBe(404);
    expect(err.message).toContain("nope:1b");
  });

  it("lists a model as running once it has been used", async () => {
    expect((await runner.running()).map((m) => m.name)).not.toContain("llava:7b");
    const messages = [{ role: "user" as const, content: "Hello" }];
    for await (const batch of runner.chat({ model: "llava:7b", messages }, new AbortController().signal)) {
      void batch;
    }
    const loaded = (await runner.running()).find((m) => m.name === "llava:7b");
    expect(loaded).toBeDefined();
    expect(loaded?.size).toBeGreaterThan(0);
    expect(loaded?.sizeVram).toBeGreaterThan(0);
    // Ollama's default keep_alive is five minutes.
    const expiresIn = Date.parse(loaded?.expiresAt ?? "") - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
  });

  it("pulls with progress per layer, ends with success, then lists the model", async () => {
    sim.setFaults({ pullDurationMs: 200 });
    expect((await runner.listModels()).map((m) => m.id)).not.toContain("gemma3:1b");
    const events = await pullAll("gemma3:1b");

    expect(events[0]?.status).toBe("pulling manifest");
    expect(events.at(-1)).toEqual({ status: "success", percent: 100 });
    const layers = new Set(events.flatMap((e) => (e.digest ? [e.digest] : [])));
    expect(layers.size).toBeGreaterThanOrEqual(2);
    for (const digest of layers) {
      const lines = events.filter((e) => e.digest === digest);
      expect(lines.every((e) => e.total === lines[0]?.total && (e.total ?? 0) > 0)).toBe(true);
      const completed = lines.flatMap((e) => (e.completed === undefined ? [] : [e.completed]));
      expect(completed.length).toBeGreaterThan(0);
      for (let i = 1; i < completed.length; i++) {
        expect(completed[i]).toBeGreaterThan(completed[i - 1] ?? Infinity);
      }
      expect(completed.at(-1)).toBe(lines[0]?.total);
    }
    const percents = events.map((e) => e.percent);
    for (let i = 1; i < percents.length; i++) {
      expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1] ?? Infinity);
    }
    expect(percents.slice(0, -1).every((p) => p < 100)).toBe(true);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);

    expect((await runner.listModels()).map((m) => m.id)).toContain("gemma3:1b");
  });

  it("fails a pull the registry cannot serve with Ollama's message", async () => {
    sim.setFaults({ pullDurationMs: 0 });
    const err = await runnerError(pullAll("doesnotexist:1b"));
    expect(err.kind).toBe("upstream_error");
    expect(err.message).toContain("pull model manifest: file does not exist");
    expect((await runner.listModels()).map((m) => m.id)).not.toContain("doesnotexist:1b");
  });

  it("stops a pull when aborted, and the next pull resumes it", async () => {
    sim.setFaults({ pullDurationMs: 600 });
    const controller = new AbortController();
    const seen: PullProgress[] = [];
    const outcome = (async () => {
      for await (const event of runner.pull("smollm2:1b", controller.signal)) {
        seen.push(event);
        if (event.completed) controller.abort(new Error("cancelled by the admin"));
      }
    })();
    await expect(outcome).rejects.toThrow("cancelled by the admin");
    const stoppedAt = seen.length;
    await until(() => sim.openRequests === 0, 1000);
    // Longer than the rest of the pull would have taken: it did not go on without us.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(seen).toHaveLength(stoppedAt);
    expect((await runner.listModels()).map((m) => m.id)).not.toContain("smollm2:1b");

    sim.setFaults({ pullDurationMs: 100 });
    const resumed = await pullAll("smollm2:1b");
    // The layer's first line already counts the bytes downloaded before the abort.
    const firstLayerLine = resumed.find((e) => e.digest === seen.at(-1)?.digest);
    expect(firstLayerLine?.completed).toBeGreaterThanOrEqual(seen.at(-1)?.completed ?? Infinity);
    expect(resumed.at(-1)?.status).toBe("success");
    expect((await runner.listModels()).map((m) => m.id)).toContain("smollm2:1b");
  });

  it("removes a model, then not_found for the second remove", async () => {
    expect((await runner.listModels()).map((m) => m.id)).toContain(SCRATCH);
    await expect(runner.remove(SCRATCH)).resolves.toBeUndefined();
    expect((await runner.listModels()).map((m) => m.id)).not.toContain(SCRATCH);
    const err = await runnerError(runner.remove(SCRATCH));
    expect(err.kind).toBe("not_found");
    expect((await runnerError(runner.show(SCRATCH))).kind).toBe("not_found");
  });

  it("gives up on a hung Ollama at the admin deadline: upstream_timeout", async () => {
    const quick = createOllamaRunner({ baseUrl: sim.url, adminTimeoutMs: 200 });
    sim.setFaults({ hangAll: true });
    for (const call of [() => quick.show("llama3.2:3b"), () => quick.version(), () => quick.running()]) {
      const started = performance.now();
      const err = await runnerError(call());
      const elapsed = performance.now() - started;
      expect(err.kind).toBe("upstream_timeout");
      expect(err.status).toBe(504);
      expect(elapsed).toBeGreaterThanOrEqual(150);
      expect(elapsed).toBeLessThan(1000);
    }
  });

  it("reports an Ollama that refuses connections as unavailable", async () => {
    const port = await freePort();
    const gone = createOllamaRunner({ baseUrl: `http://127.0.0.1:${port}` });
    const err = await runnerError(gone.version());
    expect(err.kind).toBe("unavailable");
    expect(err.status).toBe(503);
    const pulling = (async () => {
      for await (const event of gone.pull("gemma3:1b", new AbortController().signal)) void event;
    })();
    expect((await runnerError(pulling)).kind).toBe("unavailable");
  });
});

/** A port nothing listens on: bound once to learn it, then closed. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}
