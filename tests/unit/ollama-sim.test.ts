/** The Ollama simulator speaks Ollama's wire formats and its faults behave as documented. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  expectedReply,
  expectedThinking,
  startOllamaSim,
  type OllamaSim,
  type SimMessage,
} from "../support/ollama-sim";

interface ChatLine {
  model?: string;
  created_at?: string;
  message?: {
    role: string;
    content: string;
    thinking?: string;
    tool_calls?: Array<Record<string, unknown> & { function: { name: string; arguments: unknown } }>;
  };
  response?: string;
  done?: boolean;
  done_reason?: string;
  error?: string;
  [counter: string]: unknown;
}

interface Chunk {
  id: string;
  object: string;
  created: number;
  model: string;
  system_fingerprint: string;
  choices: Array<{ index: number; delta: { role?: string; content?: string }; finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  error?: { message: string; type: string };
}

const MODEL = "llama3.2:3b";
const USER: SimMessage[] = [{ role: "user", content: "Tell me about the harbor." }];
const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer" } },
      required: ["city"],
    },
  },
};

let sim: OllamaSim;

beforeAll(async () => {
  sim = await startOllamaSim();
});
afterAll(() => sim.close());
afterEach(() => sim.resetFaults());

function post(path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(sim.url + path, { method: "POST", body: JSON.stringify(body), ...init });
}

function lines(text: string): ChatLine[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ChatLine);
}

/** SSE events' data fields, in order ("[DONE]" included as is). */
function events(text: string): string[] {
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .split("\n\n")
    .filter((event) => event !== "")
    .map((event) => {
      expect(event.startsWith("data: ")).toBe(true);
      return event.slice("data: ".length);
    });
}

function content(all: ChatLine[]): string {
  return all.map((line) => line.message?.content ?? "").join("");
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function expectCounters(final: ChatLine): void {
  for (const key of ["total_duration", "load_duration", "prompt_eval_duration", "eval_duration"]) {
    expect(Number.isInteger(final[key]), key).toBe(true);
    expect(final[key] as number, key).toBeGreaterThan(0);
  }
  expect(Number.isInteger(final.prompt_eval_count)).toBe(true);
  expect(Number.isInteger(final.eval_count)).toBe(true);
  expect(final.total_duration as number).toBeGreaterThanOrEqual(final.eval_duration as number);
}

describe("model management endpoints", () => {
  it("answers version, tags and show in Ollama's shapes", async () => {
    expect(await (await fetch(`${sim.url}/api/version`)).json()).toEqual({ version: expect.any(String) });

    const tags = (await (await fetch(`${sim.url}/api/tags`)).json()) as {
      models: Array<{
        name: string;
        model: string;
        size: number;
        digest: string;
        details: { format: string };
      }>;
    };
    expect(tags.models.map((m) => m.name).sort()).toEqual(
      ["llama3.2:3b", "llava:7b", "nomic-embed-text:latest", "qwen3:0.6b"].sort(),
    );
    for (const model of tags.models) {
      expect(model.model).toBe(model.name);
      expect(model.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(model.details.format).toBe("gguf");
    }

    const show = (await (await post("/api/show", { model: "qwen3:0.6b" })).json()) as Record<string, unknown>;
    expect(show.capabilities).toEqual(["completion", "tools", "thinking"]);
    expect(show.model_info).toMatchObject({ "general.architecture": "qwen3", "qwen3.context_length": 40960 });
    expect(typeof show.modelfile).toBe("string");

    const missing = await post("/api/show", { model: "nope:1b" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope:1b' not found" });
  });

  it("lists a model in /api/ps once it has been used", async () => {
    await post("/api/chat", { model: "llava:7b", messages: USER, stream: false });
    const ps = (await (await fetch(`${sim.url}/api/ps`)).json()) as {
      models: Array<{ name: string; expires_at: string; size_vram: number }>;
    };
    const llava = ps.models.find((m) => m.name === "llava:7b");
    expect(llava?.size_vram).toBeGreaterThan(0);
    expect(Date.parse(llava?.expires_at ?? "")).toBeGreaterThan(Date.now());
  });

  it("pulls with Ollama's progress sequence, then lists the model", async () => {
    sim.setFaults({ pullDurationMs: 100 });
    const res = await post("/api/pull", { model: "gemma3:1b" });
    expect(res.status).toBe(200);
    const progress = lines(await res.text()) as Array<Record<string, unknown>>;
    expect(progress[0]).toEqual({ status: "pulling manifest" });
    expect(progress.slice(-3).map((p) => p.status)).toEqual([
      "verifying sha256 digest",
      "writing manifest",
      "success",
    ]);
    const layers = progress.filter((p) => typeof p.digest === "string");
    const digests = [...new Set(layers.map((p) => p.digest))];
    expect(digests.length).toBeGreaterThanOrEqual(2);
    for (const digest of digests) {
      const ofLayer = layers.filter((p) => p.digest === digest);
      expect(ofLayer[0]?.completed).toBeUndefined();
      expect(ofLayer[0]?.status).toBe(`pulling ${String(digest).slice(7, 19)}`);
      expect(ofLayer.at(-1)?.completed).toBe(ofLayer[0]?.total);
    }
    const tags = (await (await fetch(`${sim.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((m) => m.name)).toContain("gemma3:1b");
  });

  it("fails a pull of a model the registry does not have", async () => {
    const streamed = await post("/api/pull", { model: "doesnotexist:7b" });
    expect(streamed.status).toBe(200);
    expect(lines(await streamed.text()).at(-1)).toEqual({
      error: "pull model manifest: file does not exist",
    });
    const whole = await post("/api/pull", { model: "doesnotexist:7b", stream: false });
    expect(whole.status).toBe(500);
  });

  it("deletes a model, then 404s", async () => {
    sim.setFaults({ pullDurationMs: 0 });
    await (await post("/api/pull", { model: "tinyllama:1b" })).text();
    const first = await fetch(`${sim.url}/api/delete`, {
      method: "DELETE",
      body: JSON.stringify({ model: "tinyllama:1b" }),
    });
    expect(first.status).toBe(200);
    expect(await first.text()).toBe("");
    const again = await fetch(`${sim.url}/api/delete`, {
      method: "DELETE",
      body: JSON.stringify({ model: "tinyllama:1b" }),
    });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: "model 'tinyllama:1b' not found" });
  });

  it("answers unknown paths like Ollama", async () => {
    const res = await fetch(`${sim.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("404 page not found");
  });
});

describe("POST /api/chat", () => {
  it("streams NDJSON that adds up to the deterministic reply", async () => {
    const res = await post("/api/chat", { model: MODEL, messages: USER });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const all = lines(await res.text());
    const final = all.at(-1) as ChatLine;
    const tokens = all.slice(0, -1);
    expect(tokens.length).toBeGreaterThan(10);
    for (const line of tokens) {
      expect(line).toMatchObject({ model: MODEL, done: false, message: { role: "assistant" } });
      expect(Date.parse(line.created_at ?? "")).not.toBeNaN();
    }
    expect(content(tokens)).toBe(expectedReply(MODEL, USER));
    expect(expectedReply(MODEL, USER).split(" ").length).toBeGreaterThanOrEqual(20);
    expect(tokens[1]?.message?.content.startsWith(" ")).toBe(true);
    expect(final).toMatchObject({
      done: true,
      done_reason: "stop",
      message: { role: "assistant", content: "" },
    });
    expectCounters(final);
    expect(final.eval_count).toBe(tokens.length);
    expect(sim.requests.at(-1)).toMatchObject({ method: "POST", path: "/api/chat", body: { model: MODEL } });
  });

  it("answers in one object with stream:false, and the seed picks the reply", async () => {
    const res = await post("/api/chat", {
      model: MODEL,
      messages: USER,
      stream: false,
      options: { seed: 7 },
    });
    const body = (await res.json()) as ChatLine;
    expect(body.message?.content).toBe(expectedReply(MODEL, USER, 7));
    expect(body).toMatchObject({ done: true, done_reason: "stop" });
    expectCounters(body);
    expect(expectedReply(MODEL, USER, 7)).not.toBe(expectedReply(MODEL, USER, 8));
  });

  it("honours num_predict (done_reason length) and stop", async () => {
    const limited = (await (
      await post("/api/chat", { model: MODEL, messages: USER, stream: false, options: { num_predict: 5 } })
    ).json()) as ChatLine;
    expect(limited).toMatchObject({ done_reason: "length", eval_count: 5 });
    expect(limited.message?.content).toBe(expectedReply(MODEL, USER, undefined, { num_predict: 5 }));

    const stopped = (await (
      await post("/api/chat", { model: MODEL, messages: USER, stream: false, options: { stop: ["."] } })
    ).json()) as ChatLine;
    expect(stopped.done_reason).toBe("stop");
    expect(stopped.message?.content).toBe(expectedReply(MODEL, USER).split(".")[0]);
  });

  it("rejects bad requests with Ollama's statuses and messages", async () => {
    const unknown = await post("/api/chat", { model: "nope:1b", messages: USER });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'model "nope:1b" not found, try pulling it first' });

    const noModel = await post("/api/chat", { messages: USER });
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toEqual({ error: "model is required" });

    const badJson = await fetch(`${sim.url}/api/chat`, { method: "POST", body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as ChatLine).error).toEqual(expect.any(String));

    const image = await post("/api/chat", {
      model: MODEL,
      messages: [{ role: "user", content: "What is this?", images: ["aGVsbG8="] }],
    });
    expect(image.status).toBe(400);
    expect(((await image.json()) as ChatLine).error).toMatch(/does not support/);
  });

  it("calls a tool the way native Ollama does: whole, arguments an object, no id", async () => {
    const messages: SimMessage[] = [{ role: "user", content: "Please get_weather for me" }];
    const all = lines(
      await (await post("/api/chat", { model: MODEL, messages, tools: [WEATHER_TOOL] })).text(),
    );
    expect(all).toHaveLength(2);
    const [call, final] = all;
    expect(call?.message?.content).toBe("");
    expect(call?.message?.tool_calls).toHaveLength(1);
    const toolCall = call?.message?.tool_calls?.[0];
    expect(toolCall?.function.name).toBe("get_weather");
    expect(toolCall?.function.arguments).toEqual({ city: expect.any(String) });
    expect(toolCall).not.toHaveProperty("id");
    expect(toolCall).not.toHaveProperty("index");
    expect(final).toMatchObject({ done: true, done_reason: "stop" });

    const followUp: SimMessage[] = [
      ...messages,
      {
        role: "assistant",
        content: "",
        tool_calls: [{ function: { name: "get_weather", arguments: { city: "Oslo" } } }],
      },
      { role: "tool", content: "12 degrees and cloudy", tool_name: "get_weather" },
    ];
    const answer = (await (
      await post("/api/chat", { model: MODEL, messages: followUp, tools: [WEATHER_TOOL], stream: false })
    ).json()) as ChatLine;
    expect(answer.message?.content).toContain("12 degrees and cloudy");
    expect(answer.message?.content).toBe(expectedReply(MODEL, followUp));
  });

  it("thinks first when asked, on a thinking model only", async () => {
    const all = lines(
      await (await post("/api/chat", { model: "qwen3:0.6b", messages: USER, think: true })).text(),
    );
    const firstContent = all.findIndex((line) => (line.message?.content ?? "") !== "");
    const thinking = all.slice(0, firstContent);
    expect(thinking.length).toBeGreaterThan(0);
    expect(thinking.map((line) => line.message?.thinking).join("")).toBe(
      expectedThinking("qwen3:0.6b", USER),
    );
    expect(all.slice(firstContent).every((line) => line.message?.thinking === undefined)).toBe(true);
    expect(content(all)).toBe(expectedReply("qwen3:0.6b", USER));

    const refused = await post("/api/chat", { model: MODEL, messages: USER, think: true });
    expect(refused.status).toBe(400);
  });

  it("produces valid JSON for format json and for a schema", async () => {
    const json = (await (
      await post("/api/chat", { model: MODEL, messages: USER, format: "json", stream: false })
    ).json()) as ChatLine;
    expect(() => JSON.parse(json.message?.content ?? "")).not.toThrow();

    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer" },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["name", "age", "tags"],
    };
    const structured = (await (
      await post("/api/chat", { model: MODEL, messages: USER, format: schema, stream: false })
    ).json()) as ChatLine;
    const value = JSON.parse(structured.message?.content ?? "") as {
      name: unknown;
      age: unknown;
      tags: unknown;
    };
    expect(typeof value.name).toBe("string");
    expect(Number.isInteger(value.age)).toBe(true);
    expect(Array.isArray(value.tags)).toBe(true);
  });
});

describe("POST /api/generate", () => {
  it("streams the same deterministic text under `response`", async () => {
    const prompt = "Write one line about bread.";
    const all = lines(await (await post("/api/generate", { model: MODEL, prompt })).text());
    expect(all.map((line) => line.response ?? "").join("")).toBe(
      expectedReply(MODEL, [{ role: "user", content: prompt }]),
    );
    expect(all.at(-1)).toMatchObject({ done: true, done_reason: "stop", response: "" });
  });
});

describe("planReply (test-only)", () => {
  it("answers the planned text for that exact prompt on every API, token by token, and nothing else changes", async () => {
    const prompt = "Reply with hostile markdown";
    const reply = '<img src=x onerror="window.__xss=1">\n\n```html\n<script>1</script>\n```';
    sim.planReply(prompt, reply);
    const user = [{ role: "user", content: prompt }];

    const chat = lines(await (await post("/api/chat", { model: MODEL, messages: user })).text());
    expect(chat.length).toBeGreaterThan(5);
    expect(content(chat)).toBe(reply);
    expect(chat.at(-1)).toMatchObject({ done: true, done_reason: "stop", eval_count: chat.length - 1 });
    const generate = lines(await (await post("/api/generate", { model: MODEL, prompt })).text());
    expect(generate.map((line) => line.response ?? "").join("")).toBe(reply);
    const openai = await (
      await post("/v1/chat/completions", { model: MODEL, messages: user, stream: false })
    ).json();
    expect(openai.choices[0].message.content).toBe(reply);
    // num_predict still cuts a planned reply, as it would any other.
    const cut = lines(
      await (await post("/api/chat", { model: MODEL, messages: user, options: { num_predict: 2 } })).text(),
    );
    expect(cut.at(-1)?.done_reason).toBe("length");

    // Another prompt, or the same words further back in the conversation, get the generated reply.
    const other = [{ role: "user", content: `${prompt}!` }];
    expect(content(lines(await (await post("/api/chat", { model: MODEL, messages: other })).text()))).toBe(
      expectedReply(MODEL, other),
    );
    const later = [...user, { role: "assistant", content: reply }, { role: "user", content: "thanks" }];
    expect(content(lines(await (await post("/api/chat", { model: MODEL, messages: later })).text()))).toBe(
      expectedReply(MODEL, later),
    );
  });
});

describe("embeddings", () => {
  it("returns deterministic unit vectors of the model's size", async () => {
    const ask = async (body: unknown) =>
      (await (await post("/api/embed", body)).json()) as {
        embeddings: number[][];
        prompt_eval_count: number;
      };
    const first = await ask({
      model: "nomic-embed-text",
      input: ["the cat sat", "the cat slept", "quantum tax law"],
    });
    expect(first.embeddings).toHaveLength(3);
    for (const vector of first.embeddings) {
      expect(vector).toHaveLength(768);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
    expect((await ask({ model: "nomic-embed-text", input: "the cat sat" })).embeddings[0]).toEqual(
      first.embeddings[0],
    );
    const [a = [], b = [], c = []] = first.embeddings;
    const dot = (x: number[], y: number[]) => x.reduce((sum, v, i) => sum + v * (y[i] ?? 0), 0);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));

    const small = await ask({ model: "nomic-embed-text", input: "x", dimensions: 64 });
    expect(small.embeddings[0]).toHaveLength(64);

    const chatModel = await post("/api/embed", { model: MODEL, input: "x" });
    expect(chatModel.status).toBe(400);
    expect(((await chatModel.json()) as ChatLine).error).toMatch(/does not support embeddings/);

    const legacy = (await (
      await post("/api/embeddings", { model: "nomic-embed-text", prompt: "the cat sat" })
    ).json()) as {
      embedding: number[];
    };
    expect(legacy.embedding).toEqual(first.embeddings[0]);
  });
});

describe("OpenAI-compatible surface", () => {
  it("streams chat.completion.chunk SSE with role first, finish_reason last, then usage and [DONE]", async () => {
    const res = await post("/v1/chat/completions", {
      model: MODEL,
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const data = events(await res.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
    const usageChunk = chunks.at(-1) as Chunk;
    const choiceChunks = chunks.slice(0, -1);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: "chat.completion.chunk",
        model: MODEL,
        system_fingerprint: "fp_ollama",
      });
      expect(chunk.created).toBe(chunks[0]?.created);
    }
    expect(choiceChunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(choiceChunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === null)).toBe(true);
    expect(choiceChunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(choiceChunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe(
      expectedReply(MODEL, USER),
    );
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage?.total_tokens).toBe(
      (usageChunk.usage?.prompt_tokens ?? 0) + (usageChunk.usage?.completion_tokens ?? 0),
    );
  });

  it("answers non-streamed completions and lists models", async () => {
    const body = (await (await post("/v1/chat/completions", { model: MODEL, messages: USER })).json()) as {
      object: string;
      choices: Array<{ message: { role: string; content: string }; finish_reason: string }>;
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]).toMatchObject({
      message: { role: "assistant", content: expectedReply(MODEL, USER) },
      finish_reason: "stop",
    });

    const models = (await (await fetch(`${sim.url}/v1/models`)).json()) as {
      object: string;
      data: Array<Record<string, unknown>>;
    };
    expect(models.object).toBe("list");
    expect(models.data).toContainEqual({
      id: MODEL,
      object: "model",
      created: expect.any(Number),
      owned_by: "library",
    });

    const missing = await post("/v1/chat/completions", { model: "nope:1b", messages: USER });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { message: expect.stringContaining("not found"), param: null, code: null },
    });
  });
});

describe("OpenAI-compatible surface: embeddings, one model, other servers' stream shapes", () => {
  const TIME_TOOL = {
    type: "function",
    function: {
      name: "get_time",
      parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
    },
  };

  /** The choice chunks of a streamed /v1 completion (usage chunk and [DONE] dropped). */
  async function streamed(body: Record<string, unknown>): Promise<Chunk[]> {
    const data = events(await (await post("/v1/chat/completions", { ...body, stream: true })).text());
    expect(data.at(-1)).toBe("[DONE]");
    return data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
  }

  it("embeds with the same vectors as /api/embed, as floats or base64", async () => {
    const input = ["the cat sat", "quantum tax law"];
    const native = (await (await post("/api/embed", { model: "nomic-embed-text", input })).json()) as {
      embeddings: number[][];
    };
    const res = await post("/v1/embeddings", { model: "nomic-embed-text", input });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      object: string;
      data: Array<{ object: string; index: number; embedding: number[] }>;
      model: string;
      usage: { prompt_tokens: number; total_tokens: number };
    };
    expect(body.object).toBe("list");
    expect(body.model).toBe("nomic-embed-text");
    expect(body.data.map((d) => [d.object, d.index])).toEqual([
      ["embedding", 0],
      ["embedding", 1],
    ]);
    expect(body.data.map((d) => d.embedding)).toEqual(native.embeddings);
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens);

    const packed = (await (
      await post("/v1/embeddings", {
        model: "nomic-embed-text",
        input: "the cat sat",
        encoding_format: "base64",
      })
    ).json()) as { data: Array<{ embedding: string }> };
    const bytes = Buffer.from(packed.data[0]?.embedding ?? "", "base64");
    const floats = [...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)];
    expect(floats).toHaveLength(768);
    floats.forEach((x, i) => expect(x).toBeCloseTo(native.embeddings[0]?.[i] ?? NaN, 6));

    const small = (await (
      await post("/v1/embeddings", { model: "nomic-embed-text", input: "x", dimensions: 32 })
    ).json()) as { data: Array<{ embedding: number[] }> };
    expect(small.data[0]?.embedding).toHaveLength(32);

    const chatModel = await post("/v1/embeddings", { model: MODEL, input: "x" });
    expect(chatModel.status).toBe(400);
    const missing = await post("/v1/embeddings", { model: "nope:1b", input: "x" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { message: expect.stringContaining("not found") } });
  });

  it("retrieves one model, and 404s an unknown one", async () => {
    const res = await fetch(`${sim.url}/v1/models/${encodeURIComponent(MODEL)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: MODEL,
      object: "model",
      created: expect.any(Number),
      owned_by: "library",
    });
    const missing = await fetch(`${sim.url}/v1/models/nope:1b`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { message: expect.stringContaining("not found") } });
  });

  it("calls every tool the user names, in the order offered", async () => {
    const messages = [{ role: "user", content: "Please get_time and get_weather" }];
    const body = (await (
      await post("/api/chat", { model: MODEL, messages, tools: [WEATHER_TOOL, TIME_TOOL], stream: false })
    ).json()) as ChatLine;
    expect(body.message?.tool_calls?.map((c) => c.function.name)).toEqual(["get_weather", "get_time"]);
  });

  it("toolCallFragments: streams tool calls in OpenAI's fragments, tagged by index", async () => {
    const request = {
      model: MODEL,
      messages: [{ role: "user", content: "Please get_weather and get_time" }],
      tools: [WEATHER_TOOL, TIME_TOOL],
    };
    type Fragment = {
      index: number;
      id?: string;
      type?: string;
      function: { name?: string; arguments: string };
    };
    const fragmentsOf = (chunks: Chunk[]) =>
      chunks.flatMap(
        (c) =>
          ((c.choices[0]?.delta as { tool_calls?: Fragment[] } | undefined)?.tool_calls ?? []) as Fragment[],
      );
    const whole = fragmentsOf(await streamed(request));
    expect(whole).toHaveLength(2);

    sim.setFaults({ toolCallFragments: 3 });
    const chunks = await streamed(request);
    const fragments = fragmentsOf(chunks);
    expect(fragments.length).toBeGreaterThan(2);
    for (const index of [0, 1]) {
      const [head, ...rest] = fragments.filter((f) => f.index === index);
      expect(head).toMatchObject({ index, id: expect.stringMatching(/^call_/), type: "function" });
      expect(head?.function.arguments).toBe("");
      expect(head?.function.name).toBe(whole[index]?.function.name);
      expect(rest.length).toBeGreaterThan(1);
      for (const piece of rest) expect(Object.keys(piece).sort()).toEqual(["function", "index"]);
      expect(rest.map((f) => f.function.arguments).join("")).toBe(whole[index]?.function.arguments);
    }
    expect(new Set(fragments.map((f) => f.id).filter(Boolean)).size).toBe(2);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("reasoningField and omitStreamUsage: the shapes of vLLM and of servers without usage", async () => {
    const request = {
      model: "qwen3:0.6b",
      messages: USER,
      reasoning_effort: "low",
      stream_options: { include_usage: true },
    };
    sim.setFaults({ reasoningField: "reasoning_content", omitStreamUsage: true });
    const chunks = await streamed(request);
    const deltas = chunks.map((c) => c.choices[0]?.delta as Record<string, unknown> | undefined);
    expect(deltas.map((d) => d?.reasoning_content ?? "").join("")).toBe(expectedThinking("qwen3:0.6b", USER));
    expect(deltas.every((d) => d?.reasoning === undefined)).toBe(true);
    expect(chunks.every((c) => c.usage === undefined && c.choices.length === 1)).toBe(true);
  });
});

describe("faults", () => {
  it("errorAfterTokens: an error line mid-stream while the status stays 200", async () => {
    sim.setFaults({ errorAfterTokens: 3 });
    const res = await post("/api/chat", { model: MODEL, messages: USER });
    expect(res.status).toBe(200);
    const all = lines(await res.text());
    expect(all).toHaveLength(4);
    expect(all.slice(0, 3).every((line) => line.done === false)).toBe(true);
    expect(all[3]).toEqual({ error: expect.any(String) });

    const v1 = await post("/v1/chat/completions", { model: MODEL, messages: USER, stream: true });
    expect(v1.status).toBe(200);
    const last = JSON.parse(events(await v1.text()).at(-1) ?? "") as Chunk;
    expect(last.error?.message).toEqual(expect.any(String));
  });

  it("httpStatus: every chat request fails with that status", async () => {
    sim.setFaults({ httpStatus: 500 });
    const native = await post("/api/chat", { model: MODEL, messages: USER });
    expect(native.status).toBe(500);
    expect(await native.json()).toEqual({ error: expect.any(String) });
    const v1 = await post("/v1/chat/completions", { model: MODEL, messages: USER });
    expect(v1.status).toBe(500);
    expect(await v1.json()).toMatchObject({ error: { message: expect.any(String), type: "api_error" } });
    expect((await fetch(`${sim.url}/api/version`)).status).toBe(200);
  });

  it("dropAfterTokens: the body reader rejects after the tokens already sent", async () => {
    sim.setFaults({ dropAfterTokens: 3 });
    const res = await post("/api/chat", { model: MODEL, messages: USER });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("firstTokenDelayMs and tokensPerSecond pace the stream", async () => {
    sim.setFaults({ firstTokenDelayMs: 300, tokensPerSecond: 50 });
    const started = performance.now();
    const res = await post("/api/chat", { model: MODEL, messages: USER, options: { num_predict: 10 } });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const firstToken = performance.now() - started;
    while (!(await reader.read()).done);
    const total = performance.now() - started;
    expect(firstToken).toBeGreaterThanOrEqual(280);
    expect(firstToken).toBeLessThan(1000);
    // 9 more tokens at 50/s after the first one.
    expect(total - firstToken).toBeGreaterThanOrEqual(150);
  });

  it("a client abort stops the generation within a second", async () => {
    sim.setFaults({ tokensPerSecond: 20 });
    const abortedBefore = sim.abortedGenerations;
    const controller = new AbortController();
    const res = await post("/api/chat", { model: MODEL, messages: USER }, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(sim.activeGenerations).toBe(1);
    controller.abort();
    await until(() => sim.activeGenerations === 0 && sim.abortedGenerations === abortedBefore + 1, 1000);
    await sim.waitForIdle(100);
  });

  it("hang: requests are accepted and never answered; hangAll covers every endpoint", async () => {
    sim.setFaults({ hang: true });
    await expect(
      post("/api/chat", { model: MODEL, messages: USER }, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect((await fetch(`${sim.url}/api/version`)).status).toBe(200);
    sim.setFaults({ hangAll: true });
    await expect(fetch(`${sim.url}/api/tags`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await until(() => sim.openRequests === 0, 1000);
  });
});
