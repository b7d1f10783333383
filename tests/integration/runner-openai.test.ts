/**
 * The OpenAI-compatible runner against the simulator's own /v1 surface, with
 * its switches for the stream shapes of vLLM and OpenAI (fragmented tool
 * calls, reasoning_content, no usage chunk).
 */
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOpenAICompatibleRunner } from "@/lib/runners/openai-compatible/openai-compatible-runner";
import { RunnerError } from "@/lib/runners/runner-error";
import type { ChatEvent, ChatMessage, ChatRequest, Runner, ToolSpec } from "@/lib/runners/types";
import {
  DEFAULT_MODELS,
  embedText,
  expectedReply,
  expectedThinking,
  startOllamaSim,
  tokenize,
  type OllamaSim,
} from "../support/ollama-sim";

const MODEL = "llama3.2:3b";
const ask = (content: string): ChatMessage[] => [{ role: "user", content }];
const WEATHER: ToolSpec = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const TIME: ToolSpec = {
  name: "get_time",
  parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
};
const tinyPng =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

let sim: OllamaSim;
let runner: Runner;

beforeAll(async () => {
  sim = await startOllamaSim();
  runner = createOpenAICompatibleRunner({ name: "sim", baseUrl: `${sim.url}/v1` });
});
afterAll(() => sim.close());
afterEach(() => sim.resetFaults());

interface Reply {
  batches: ChatEvent[][];
  events: ChatEvent[];
  text: string;
  reasoning: string;
  calls: Extract<ChatEvent, { type: "tool_call" }>[];
  done: Extract<ChatEvent, { type: "done" }> | undefined;
}

function summarize(batches: ChatEvent[][]): Reply {
  const events = batches.flat();
  return {
    batches,
    events,
    text: events.map((e) => (e.type === "content" ? e.text : "")).join(""),
    reasoning: events.map((e) => (e.type === "reasoning" ? e.text : "")).join(""),
    calls: events.filter((e) => e.type === "tool_call"),
    done: events.find((e) => e.type === "done"),
  };
}

async function chat(
  request: Partial<ChatRequest> & { messages: ChatMessage[] },
  on = runner,
): Promise<Reply> {
  const batches: ChatEvent[][] = [];
  for await (const batch of on.chat({ model: MODEL, ...request }, new AbortController().signal)) {
    batches.push(batch);
  }
  return summarize(batches);
}

/** The error a promise rejects with, which must be a RunnerError. */
async function runnerError(promise: Promise<unknown>): Promise<RunnerError> {
  const err = await promise.then(
    () => new Error("expected a rejection"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RunnerError);
  return err as RunnerError;
}

function lastChatRequest(): { headers: Record<string, unknown>; body: Record<string, unknown> } {
  const request = sim.requests.filter((r) => r.path === "/v1/chat/completions").at(-1);
  return {
    headers: request?.headers ?? {},
    body: (request?.body ?? {}) as Record<string, unknown>,
  };
}

describe("chat", () => {
  it("streams the reply, then done with the server's usage", async () => {
    const messages = ask("Tell me about the harbor.");
    const reply = await chat({ messages });
    const expected = expectedReply(MODEL, messages);
    expect(reply.text).toBe(expected);
    expect(reply.events.at(-1)).toBe(reply.done);
    expect(reply.done?.finishReason).toBe("stop");
    expect(reply.done?.usage.completionTokens).toBe(tokenize(expected).length);
    expect(reply.done?.usage.promptTokens).toBeGreaterThan(0);
    expect(reply.events.filter((e) => e.type === "done")).toHaveLength(1);

    const { headers, body } = lastChatRequest();
    expect(body).toMatchObject({ model: MODEL, stream: true, stream_options: { include_usage: true } });
    // No key configured: no Authorization header at all.
    expect(headers.authorization).toBeUndefined();
  });

  it("reports zero usage when the server sends no usage chunk", async () => {
    sim.setFaults({ omitStreamUsage: true });
    const messages = ask("Tell me about owls.");
    const reply = await chat({ messages });
    expect(reply.text).toBe(expectedReply(MODEL, messages));
    expect(reply.done).toEqual({
      type: "done",
      finishReason: "stop",
      usage: { promptTokens: 0, completionTokens: 0 },
    });
  });

  it("stops at max tokens with finish reason length", async () => {
    const messages = ask("Tell me a long story.");
    const reply = await chat({ messages, maxTokens: 5 });
    expect(reply.text).toBe(expectedReply(MODEL, messages, undefined, { num_predict: 5 }));
    expect(reply.done?.finishReason).toBe("length");
    expect(reply.done?.usage.completionTokens).toBe(5);

    const stopped = await chat({ messages, stop: ["."] });
    expect(stopped.text).toBe(expectedReply(MODEL, messages, undefined, { stop: ["."] }));
    expect(stopped.done?.finishReason).toBe("stop");
  });

  it("reads reasoning from `reasoning` and from vLLM's `reasoning_content`", async () => {
    const messages = ask("Why is the sky blue?");
    for (const field of ["reasoning", "reasoning_content"] as const) {
      sim.setFaults({ reasoningField: field });
      const reply = await chat({ model: "qwen3:0.6b", messages, think: "low" });
      expect(reply.reasoning, field).toBe(expectedThinking("qwen3:0.6b", messages));
      expect(reply.text, field).toBe(expectedReply("qwen3:0.6b", messages));
      const firstContent = reply.events.findIndex((e) => e.type === "content");
      expect(reply.events.slice(firstContent).some((e) => e.type === "reasoning")).toBe(false);
    }
  });

  it("assembles fragmented tool calls into one whole call each, with valid JSON arguments", async () => {
    const messages = ask("Please get_weather and get_time for Oslo");
    const whole = await chat({ messages, tools: [WEATHER, TIME] });
    sim.setFaults({ toolCallFragments: 4 });
    const fragmented = await chat({ messages, tools: [WEATHER, TIME] });

    for (const reply of [whole, fragmented]) {
      expect(reply.calls.map((e) => [e.index, e.call.name])).toEqual([
        [0, "get_weather"],
        [1, "get_time"],
      ]);
      expect(reply.calls.every((e) => /^call_/.test(e.call.id))).toBe(true);
      expect(new Set(reply.calls.map((e) => e.call.id)).size).toBe(2);
      expect(JSON.parse(reply.calls[0]?.call.arguments ?? "")).toEqual({ city: expect.any(String) });
      expect(JSON.parse(reply.calls[1]?.call.arguments ?? "")).toEqual({ zone: expect.any(String) });
      expect(reply.done?.finishReason).toBe("tool_calls");
      expect(reply.text).toBe("");
      // The calls arrive with the finish, never piecemeal before it.
      expect(reply.batches.at(-1)?.map((e) => e.type)).toEqual(["tool_call", "tool_call", "done"]);
    }
    expect(fragmented.calls.map((e) => e.call.arguments)).toEqual(whole.calls.map((e) => e.call.arguments));
  });

  it("sends the tool round trip and images in OpenAI's shapes", async () => {
    const messages: ChatMessage[] = [
      ...ask("Please get_weather"),
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' }],
      },
      { role: "tool", content: "12 degrees and cloudy", toolCallId: "call_1", name: "get_weather" },
    ];
    const answer = await chat({ messages, tools: [WEATHER] });
    expect(answer.text).toContain("12 degrees and cloudy");
    expect(answer.text).toBe(
      expectedReply(MODEL, [...messages.map((m) => ({ role: m.role, content: m.content }))]),
    );
    const sent = lastChatRequest().body.messages as Array<Record<string, unknown>>;
    expect(sent[1]).toMatchObject({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
      ],
    });
    expect(sent[2]).toEqual({ role: "tool", tool_call_id: "call_1", content: "12 degrees and cloudy" });

    const look: ChatMessage[] = [{ role: "user", content: "What is in this picture?", images: [tinyPng] }];
    const seen = await chat({ model: "llava:7b", messages: look });
    expect(seen.text).toBe(expectedReply("llava:7b", look));
    expect((lastChatRequest().body.messages as unknown[])[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${tinyPng}` } },
      ],
    });
  });

  it("sends the configured API key as a Bearer token", async () => {
    const keyed = createOpenAICompatibleRunner({
      name: "keyed",
      baseUrl: `${sim.url}/v1`,
      apiKey: "sk-test-123",
    });
    await chat({ messages: ask("Hi") }, keyed);
    expect(lastChatRequest().headers.authorization).toBe("Bearer sk-test-123");
  });
});

describe("models and embeddings", () => {
  it("lists the server's models under the connection's prefix", async () => {
    const models = await runner.listModels();
    expect(models.map((m) => m.name).sort()).toEqual(DEFAULT_MODELS.map((m) => m.name).sort());
    for (const m of models) {
      expect(m.id).toBe(`sim/${m.name}`);
      expect(m.ownedBy).toBe("sim");
      expect(m.createdAt).toBeGreaterThan(1_600_000_000);
    }
  });

  it("embeds with the server's vectors, in input order", async () => {
    const input = ["the cat sat", "quantum tax law", "the cat slept"];
    const result = await runner.embed({ model: "nomic-embed-text", input }, new AbortController().signal);
    expect(result.embeddings).toHaveLength(3);
    result.embeddings.forEach((vector, i) => {
      const expected = embedText("nomic-embed-text:latest", input[i] ?? "", 768);
      expect(vector).toHaveLength(768);
      vector.forEach((x, j) => expect(x).toBeCloseTo(expected[j] ?? NaN, 9));
    });
    expect(result.promptTokens).toBeGreaterThan(0);

    const small = await runner.embed(
      { model: "nomic-embed-text", input: ["x"], dimensions: 64 },
      new AbortController().signal,
    );
    expect(small.embeddings[0]).toHaveLength(64);

    const err = await runnerError(runner.embed({ model: MODEL, input: ["x"] }, new AbortController().signal));
    expect(err.kind).toBe("bad_request");
  });
});

describe("errors", () => {
  it("an error in the middle of the stream becomes an upstream_error after the text already sent", async () => {
    sim.setFaults({ errorAfterTokens: 3, errorMessage: "the GPU fell over" });
    const seen: ChatEvent[] = [];
    const err = await runnerError(
      (async () => {
        for await (const batch of runner.chat(
          { model: MODEL, messages: ask("Hi") },
          new AbortController().signal,
        )) {
          seen.push(...batch);
        }
      })(),
    );
    expect(err.kind).toBe("upstream_error");
    expect(err.status).toBe(502);
    expect(err.message).toContain("the GPU fell over");
    expect(seen.filter((e) => e.type === "content")).toHaveLength(3);
    expect(seen.some((e) => e.type === "done")).toBe(false);
  });

  it("a connection cut mid-stream is an upstream_error, not a short answer", async () => {
    sim.setFaults({ dropAfterTokens: 3 });
    const err = await runnerError(chat({ messages: ask("Hi") }));
    expect(err.kind).toBe("upstream_error");
  });

  it("maps the server's statuses: 404 not_found, 400 bad_request, 5xx upstream_error", async () => {
    const missing = await runnerError(chat({ model: "nope:1b", messages: ask("Hi") }));
    expect(missing.kind).toBe("not_found");
    expect(missing.message).toContain("nope:1b");

    const refused = await runnerError(chat({ model: "nomic-embed-text", messages: ask("Hi") }));
    expect(refused.kind).toBe("bad_request");
    expect(refused.message).toContain("does not support chat");

    sim.setFaults({ httpStatus: 500, errorMessage: "out of memory" });
    const broken = await runnerError(chat({ messages: ask("Hi") }));
    expect(broken.kind).toBe("upstream_error");
    expect(broken.message).toContain("out of memory");
    // maxRetries 0: one request, not three.
    const before = sim.requests.length;
    await runnerError(chat({ messages: ask("Hi") }));
    expect(sim.requests.length - before).toBe(1);
  });

  it("a refused API key is an upstream_error that names the key, never quotes it", async () => {
    const keyed = createOpenAICompatibleRunner({
      name: "keyed",
      baseUrl: `${sim.url}/v1`,
      apiKey: "sk-secret-987",
    });
    for (const status of [401, 403]) {
      sim.setFaults({ httpStatus: status, errorMessage: "Incorrect API key provided: sk-secr***987" });
      const err = await runnerError(chat({ messages: ask("Hi") }, keyed));
      expect(err.kind).toBe("upstream_error");
      expect(err.message).toMatch(/API key/);
      expect(err.message).not.toMatch(/sk-/);
      expect(err.cause).toBeUndefined();
    }
  });

  it("an aborted chat stops the server's generation within a second", async () => {
    sim.setFaults({ tokensPerSecond: 20 });
    const before = sim.abortedGenerations;
    const controller = new AbortController();
    const seen: ChatEvent[] = [];
    const outcome = (async () => {
      for await (const batch of runner.chat({ model: MODEL, messages: ask("Hi") }, controller.signal)) {
        seen.push(...batch);
        if (seen.length >= 2) controller.abort(new Error("the user left"));
      }
    })();
    await expect(outcome).rejects.toThrow("the user left");
    await sim.waitForIdle(1000);
    expect(sim.abortedGenerations).toBe(before + 1);
    expect(seen.some((e) => e.type === "done")).toBe(false);
  });

  it("a consumer that stops reading early also stops the generation, even between slow tokens", async () => {
    // Two seconds a token: the upstream must be cut at once, not when the next token arrives.
    sim.setFaults({ tokensPerSecond: 0.5 });
    const before = sim.abortedGenerations;
    for await (const batch of runner.chat(
      { model: MODEL, messages: ask("Hi") },
      new AbortController().signal,
    )) {
      void batch;
      break;
    }
    await sim.waitForIdle(1000);
    expect(sim.abortedGenerations).toBe(before + 1);
  });

  it("a server that does not start answering in time: upstream_timeout", async () => {
    const impatient = createOpenAICompatibleRunner({
      name: "impatient",
      baseUrl: `${sim.url}/v1`,
      firstByteTimeoutMs: 200,
      adminTimeoutMs: 200,
    });
    sim.setFaults({ hangAll: true });
    const started = performance.now();
    const err = await runnerError(chat({ messages: ask("Hi") }, impatient));
    expect(err.kind).toBe("upstream_timeout");
    expect(err.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await runnerError(impatient.listModels())).kind).toBe("upstream_timeout");
  });

  it("an unreachable server is unavailable, for chat, models and embeddings", async () => {
    const gone = createOpenAICompatibleRunner({
      name: "gone",
      baseUrl: `http://127.0.0.1:${await freePort()}/v1`,
    });
    const err = await runnerError(chat({ messages: ask("Hi") }, gone));
    expect(err.kind).toBe("unavailable");
    expect(err.status).toBe(503);
    expect(err.message).toContain("gone");
    expect((await runnerError(gone.listModels())).kind).toBe("unavailable");
    const embedding = gone.embed({ model: "x", input: ["x"] }, new AbortController().signal);
    expect((await runnerError(embedding)).kind).toBe("unavailable");
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
