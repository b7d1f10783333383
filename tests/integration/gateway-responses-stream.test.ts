import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAICompatibleRunner } from "@/lib/runners/openai-compatible/openai-compatible-runner";
import { RunnerError } from "@/lib/runners/runner-error";
import type { ChatEvent, CompletionRequest, Runner } from "@/lib/runners/types";
import { Browser } from "../support/auth-client";
import { gatewayClient, gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let key: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  // keepalives every 300 ms stand for the default 15 s, so the test does not wait 16 s.
  await setupTestApp({ OLLAMA_BASE_URL: sim.url, SSE_KEEPALIVE_MS: "300", RATE_LIMIT_REQUESTS: "1000" });
  const browser = new Browser();
  await browser.signUp("streams@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await browser.id() });
});

afterAll(() => sim?.close());
beforeEach(() => sim.resetFaults());

async function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const f = await gatewayFetch();
  return f(`${GATEWAY_BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

describe("streamed /v1/responses and /v1/completions", () => {
  it("send keepalive comments while the model loads, response.created before them", async () => {
    sim.setFaults({ firstTokenDelayMs: 1_800 });
    const res = await post("/responses", { model: MODEL, input: "take your time", stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const keepalive = text.indexOf(": keepalive\n\n");
    expect(text.indexOf("event: response.created\n")).toBe(0);
    expect(keepalive).toBeGreaterThan(0);
    expect(keepalive).toBeLessThan(text.indexOf("event: response.output_text.delta"));
    expect(text).toContain("event: response.completed\n");
    expect(text).not.toContain("[DONE]");
  });

  it("stop the model's generation when the client goes away", async () => {
    sim.setFaults({ tokensPerSecond: 20 });
    for (const [path, body] of [
      ["/responses", { model: MODEL, input: "a long story", stream: true }],
      ["/completions", { model: MODEL, prompt: "a long story", stream: true }],
    ] as const) {
      const before = sim.abortedGenerations;
      const controller = new AbortController();
      const res = await post(path, body, controller.signal);
      const reader = res.body!.getReader();
      await reader.read();
      await reader.read();
      controller.abort();
      await reader.cancel().catch(() => {});
      await sim.waitForIdle(2000);
      expect(sim.abortedGenerations).toBe(before + 1);
    }
  });

  it("answer an unknown model with a 404 before any stream starts", async () => {
    const client = await gatewayClient(key);
    const err = await client.responses
      .create({ model: "nope:1b", input: "hi", stream: true })
      .catch((e: unknown) => e as { status: number; error: { param: string } });
    expect(err).toMatchObject({ status: 404, error: { param: "model", code: "model_not_found" } });
  });
});

describe("legacy completions on an OpenAI-compatible runner", () => {
  const run = async (runner: Runner, request: CompletionRequest) => {
    const events: ChatEvent[] = [];
    for await (const batch of runner.complete(request, new AbortController().signal)) events.push(...batch);
    return events;
  };

  it("are forwarded to the server's own /v1/completions, streamed, with usage", async () => {
    const runner = createOpenAICompatibleRunner({ name: "sim", baseUrl: `${sim.url}/v1` });
    const events = await run(runner, { model: MODEL, prompt: "Continue this", maxTokens: 5 });
    const text = events.map((e) => (e.type === "content" ? e.text : "")).join("");
    expect(text).toBe(
      expectedReply(MODEL, [{ role: "user", content: "Continue this" }], undefined, { num_predict: 5 }),
    );
    expect(events.at(-1)).toEqual({
      type: "done",
      finishReason: "length",
      usage: expect.objectContaining({ completionTokens: 5 }),
    });
    expect(sim.requests.at(-1)).toMatchObject({
      path: "/v1/completions",
      body: { prompt: "Continue this", max_tokens: 5 },
    });
  });

  it("say clearly when the server has no /v1/completions", async () => {
    // Everything under this base is a 404, as on a server without legacy completions.
    const runner = createOpenAICompatibleRunner({ name: "sim", baseUrl: `${sim.url}/none` });
    const err = await run(runner, { model: MODEL, prompt: "hi" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunnerError);
    expect((err as RunnerError).status).toBe(400);
    expect((err as RunnerError).message).toMatch(
      /does not offer legacy completions.*\/v1\/chat\/completions/,
    );
  });
});
