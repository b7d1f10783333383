import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedKey } from "../support/seed";
import { gatewayClient, gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let app: TestApp;
let key: string;
let client: OpenAI;
let userId: string;
const tinyPng =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({
    OLLAMA_BASE_URL: sim.url,
    RATE_LIMIT_REQUESTS: "1000",
    RUNNER_TIMEOUT_MS: "1500",
  });
  const browser = new Browser();
  await browser.signUp("sdk@example.com", "a long enough passphrase");
  userId = await browser.id();
  key = await seedKey({ userId, name: "sdk" });
  client = await gatewayClient(key);
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(() => sim.resetFaults());

const ask = (text: string) => [{ role: "user" as const, content: text }];

describe("the official openai SDK against /v1", () => {
  it("gets a non-streaming completion with usage", async () => {
    const messages = ask("Tell me about foxes");
    const res = await client.chat.completions.create({ model: MODEL, messages });
    expect(res.object).toBe("chat.completion");
    expect(res.model).toBe(MODEL);
    expect(res.choices[0]!.message).toMatchObject({
      role: "assistant",
      content: expectedReply(MODEL, messages),
    });
    expect(res.choices[0]!.finish_reason).toBe("stop");
    expect(res.usage!.completion_tokens).toBeGreaterThan(0);
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);
  });

  it("streams with for await: role first, every token, finish_reason last", async () => {
    const messages = ask("Stream a story about owls");
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe(
      expectedReply(MODEL, messages),
    );
  });

  it("works with the stream() helper: finalChatCompletion does not throw", async () => {
    const messages = ask("Helper please");
    const runner = client.chat.completions.stream({ model: MODEL, messages });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe(expectedReply(MODEL, messages));
  });

  it("sends a usage chunk when include_usage is asked", async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: ask("count me"),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it("completes a tool call round trip with runTools", async () => {
    const calls: unknown[] = [];
    const runner = client.chat.completions.runTools({
      model: MODEL,
      messages: ask("What is the weather? Please call get_weather"),
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            function: (args: { city: string }) => {
              calls.push(args);
              return { city: args.city, forecast: "sunny" };
            },
            parse: JSON.parse,
          },
        },
      ],
    });
    const content = await runner.finalContent();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ city: expect.any(String) });
    expect(content).toContain("sunny");
  });

  it("returns valid JSON in JSON mode", async () => {
    const res = await client.chat.completions.create({
      model: MODEL,
      messages: ask("Describe a cat as JSON"),
      response_format: { type: "json_object" },
    });
    expect(() => JSON.parse(res.choices[0]!.message.content!)).not.toThrow();
  });

  it("lists and retrieves models, and creates embeddings", async () => {
    const list = await client.models.list();
    const ids = list.data.map((m) => m.id);
    expect(ids).toContain(MODEL);
    expect((await client.models.retrieve(MODEL)).id).toBe(MODEL);
    const emb = await client.embeddings.create({ model: "nomic-embed-text:latest", input: ["one", "two"] });
    expect(emb.data).toHaveLength(2);
    expect(emb.data[0]!.embedding.length).toBeGreaterThan(10);
    const single = await client.embeddings.create({ model: "nomic-embed-text:latest", input: "one" });
    expect(single.data[0]!.embedding).toEqual(emb.data[0]!.embedding);
  });
});

describe("more of the request surface", () => {
  it("runs tools over a stream too", async () => {
    const runner = client.chat.completions.runTools({
      model: MODEL,
      stream: true,
      messages: ask("Please call get_time"),
      tools: [
        {
          type: "function",
          function: {
            name: "get_time",
            description: "The time now",
            parameters: { type: "object", properties: { zone: { type: "string" } } },
            function: () => "twelve o'clock",
            parse: JSON.parse,
          },
        },
      ],
    });
    expect(await runner.finalContent()).toContain("twelve o'clock");
  });

  it("passes images to a vision model and refuses them for others", async () => {
    const image = [
      { type: "text" as const, text: "What is in this picture?" },
      { type: "image_url" as const, image_url: { url: tinyPng } },
    ];
    const res = await client.chat.completions.create({
      model: "llava:7b",
      messages: [{ role: "user", content: image }],
    });
    expect(res.choices[0]!.message.content!.length).toBeGreaterThan(0);
    const sent = sim.requests.filter((r) => r.path === "/api/chat").at(-1)!.body as {
      messages: { images?: string[] }[];
    };
    expect(sent.messages[0]!.images).toEqual([tinyPng.split(",")[1]]);
    await expect(
      client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: image }] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const remote = await client.chat.completions
      .create({
        model: "llava:7b",
        messages: [
          {
            role: "user",
            content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }],
          },
        ],
      })
      .catch((e) => e);
    expect(remote).toBeInstanceOf(OpenAI.BadRequestError);
    expect(remote.param).toBe("messages.0.content.0.image_url");
  });

  it("starts a stream for a slow model and delivers every token", async () => {
    sim.setFaults({ firstTokenDelayMs: 1200 });
    const messages = ask("slow to load");
    const final = await client.chat.completions.stream({ model: MODEL, messages }).finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe(expectedReply(MODEL, messages));
  });

  it("honours a key's model and endpoint limits with 403", async () => {
    const limited = await gatewayClient(
      await seedKey({ userId, name: "limited", models: ["qwen3:0.6b"], endpoints: ["chat", "models"] }),
    );
    await expect(
      limited.chat.completions.create({ model: MODEL, messages: ask("hi") }),
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(
      (await limited.chat.completions.create({ model: "qwen3:0.6b", messages: ask("hi") })).choices,
    ).toHaveLength(1);
    expect((await limited.models.list()).data.map((m) => m.id)).toEqual(["qwen3:0.6b"]);
    await expect(
      limited.embeddings.create({ model: "nomic-embed-text:latest", input: "x" }),
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});

describe("errors surface as the SDK's exception classes", () => {
  it("401 for a missing, wrong or revoked key", async () => {
    const bad = await gatewayClient("sk-hearth-" + "x".repeat(43));
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const res = await (await gatewayFetch())(`${GATEWAY_BASE}/models`);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({
      type: "invalid_request_error",
      code: "invalid_api_key",
    });
    const inQuery = await (await gatewayFetch())(`${GATEWAY_BASE}/models?api_key=${key}`);
    expect(inQuery.status).toBe(401);
    expect(JSON.stringify(await inQuery.json())).not.toContain(key);
  });

  it("404 for an unknown model", async () => {
    await expect(
      client.chat.completions.create({ model: "nope:1b", messages: ask("hi") }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.models.retrieve("nope:1b")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("400 naming the parameter for n > 1, an unknown role, or a bad body", async () => {
    const n = await client.chat.completions
      .create({ model: MODEL, messages: ask("hi"), n: 2 })
      .catch((e) => e);
    expect(n).toBeInstanceOf(OpenAI.BadRequestError);
    expect(n.param).toBe("n");
    const role = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: "wizard", content: "hi" }] as never })
      .catch((e) => e);
    expect(role).toBeInstanceOf(OpenAI.BadRequestError);
    expect(role.param).toBe("messages.0.role");
    const f = await gatewayFetch();
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    for (const body of ["{not json", "null", "[".repeat(500_000) + "]".repeat(500_000)]) {
      const res = await f(`${GATEWAY_BASE}/chat/completions`, { method: "POST", headers, body });
      expect(res.status).toBe(400);
      expect((await res.json()).error.type).toBe("invalid_request_error");
    }
  });

  it("400, fast, for a 1,000,000-character message", async () => {
    const t0 = performance.now();
    const err = await client.chat.completions
      .create({ model: MODEL, messages: ask("y".repeat(1_000_000)) })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe("messages.0.content");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("504 when Ollama does not start answering in time", async () => {
    sim.setFaults({ hang: true });
    const err = await client.chat.completions.create({ model: MODEL, messages: ask("hang") }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(504);
    expect(err.message).toMatch(/did not start answering in time/);
  });

  it("413 for a body over the limit", async () => {
    const f = await gatewayFetch();
    const res = await f(`${GATEWAY_BASE}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, messages: ask("x".repeat(21 * 1024 * 1024)) }),
    });
    expect(res.status).toBe(413);
  });

  it("502 when Ollama fails", async () => {
    sim.setFaults({ httpStatus: 500 });
    await expect(client.chat.completions.create({ model: MODEL, messages: ask("hi") })).rejects.toMatchObject(
      {
        status: 502,
      },
    );
    sim.resetFaults();
  });

  it("an error line mid-stream becomes an APIError, not a silent end", async () => {
    sim.setFaults({ errorAfterTokens: 3 });
    // However early the failure lands, the caller sees an APIError, never a clean end.
    const read = async () => {
      const stream = await client.chat.completions.create({
        model: MODEL,
        messages: ask("break please"),
        stream: true,
      });
      for await (const _ of stream) {
        /* drain */
      }
    };
    await expect(read()).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it("a dropped connection mid-stream becomes an error too", async () => {
    sim.setFaults({ dropAfterTokens: 3 });
    // However early the failure lands, the caller sees an APIError, never a clean end.
    const read = async () => {
      const stream = await client.chat.completions.create({
        model: MODEL,
        messages: ask("drop please"),
        stream: true,
      });
      for await (const _ of stream) {
        /* drain */
      }
    };
    await expect(read()).rejects.toBeInstanceOf(OpenAI.APIError);
  });
});

describe("abort", () => {
  it("stops the simulator's generation within a second when the client goes away", async () => {
    // Slow enough that the answer (30+ tokens) cannot finish before the abort, even on a loaded machine.
    sim.setFaults({ tokensPerSecond: 4 });
    const before = sim.abortedGenerations;
    const controller = new AbortController();
    const streaming = await client.chat.completions.create(
      { model: MODEL, messages: ask("another slow answer"), stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    try {
      for await (const _ of streaming) if (++seen === 3) controller.abort();
    } catch {
      /* aborted */
    }
    const t0 = Date.now();
    await sim.waitForIdle(1000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(sim.abortedGenerations).toBeGreaterThan(before);
  });
});

describe("usage", () => {
  it("records one row per request with the key prefix and no text", async () => {
    const { flushUsage } = await import("@/lib/usage/record-usage");
    await flushUsage();
    const client2 = new pg.Client({ connectionString: app.databaseUrl });
    await client2.connect();
    const { rows } = await client2.query(`SELECT * FROM usage_event WHERE endpoint = '/v1/chat/completions'`);
    await client2.end();
    expect(rows.filter((r) => r.key_prefix === key.slice(0, 16)).length).toBeGreaterThan(3);
    expect(rows.every((r) => /^sk-hearth-[0-9A-Za-z]{6}$/.test(r.key_prefix) && r.source === "api")).toBe(
      true,
    );
    expect(rows.every((r) => r.user_id === userId && r.duration_ms >= 0)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain("foxes");
    expect(JSON.stringify(rows)).not.toContain(key);
  });
});
