import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { gatewayClient, gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { expectedReply, expectedThinking, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedKey } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let app: TestApp;
let client: OpenAI;
let other: OpenAI;
let userId: string;
const tinyPng =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

async function signUp(email: string): Promise<string> {
  const browser = new Browser();
  await browser.signUp(email, "a long enough passphrase");
  return browser.id();
}

beforeAll(async () => {
  sim = await startOllamaSim();
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url, RATE_LIMIT_REQUESTS: "1000" });
  userId = await signUp("responses@example.com");
  client = await gatewayClient(await seedKey({ userId, name: "responses" }));
  other = await gatewayClient(await seedKey({ userId: await signUp("other@example.com"), name: "other" }));
});

afterAll(() => sim?.close());
beforeEach(() => sim.resetFaults());

const user = (text: string) => [{ role: "user" as const, content: text }];
/** The messages of the last /api/chat request the simulator received. */
const lastChat = () =>
  (sim.requests.filter((r) => r.path === "/api/chat").at(-1)!.body as { messages: Record<string, unknown>[] })
    .messages;

describe("POST /v1/responses with the openai SDK", () => {
  it("answers a string input, with usage and output_text", async () => {
    const res = await client.responses.create({ model: MODEL, input: "Tell me about foxes" });
    expect(res).toMatchObject({ object: "response", status: "completed", model: MODEL, error: null });
    expect(res.id).toMatch(/^resp_/);
    expect(res.output_text).toBe(expectedReply(MODEL, user("Tell me about foxes")));
    expect(res.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
    expect(res.usage!.output_tokens).toBeGreaterThan(0);
    expect(res.usage!.total_tokens).toBe(res.usage!.input_tokens + res.usage!.output_tokens);
  });

  it("sends instructions as the system message and message items in order", async () => {
    const res = await client.responses.create({
      model: MODEL,
      instructions: "Answer like a pirate.",
      input: [
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        { role: "user", content: [{ type: "input_text", text: "second question" }] },
      ],
    });
    expect(lastChat()).toEqual([
      { role: "system", content: "Answer like a pirate." },
      { role: "user", content: "first question" },
      { role: "assistant", content: "first answer" },
      { role: "user", content: "second question" },
    ]);
    expect(res.output_text).toBe(expectedReply(MODEL, user("second question")));
  });

  it("hands an input_image to a vision model as an image", async () => {
    const res = await client.responses.create({
      model: "llava:7b",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "What is in this picture?" },
            { type: "input_image", image_url: tinyPng, detail: "auto" },
          ],
        },
      ],
    });
    expect(res.status).toBe("completed");
    expect(lastChat()[0]).toMatchObject({ images: [tinyPng.split(",")[1]] });
  });

  it("ends as incomplete when max_output_tokens cuts the answer", async () => {
    const res = await client.responses.create({
      model: MODEL,
      input: "Go on at length",
      max_output_tokens: 3,
    });
    expect(res.status).toBe("incomplete");
    expect(res.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(res.usage!.output_tokens).toBe(3);
  });

  it("turns a json_schema text format into Ollama's format and answers matching JSON", async () => {
    const schema = {
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer" } },
      required: ["city", "days"],
      additionalProperties: false,
    };
    const res = await client.responses.create({
      model: MODEL,
      input: "Plan a trip",
      text: { format: { type: "json_schema", name: "trip", schema, strict: true } },
    });
    const sent = sim.requests.filter((r) => r.path === "/api/chat").at(-1)!.body as { format: unknown };
    expect(sent.format).toEqual(schema);
    expect(JSON.parse(res.output_text)).toMatchObject({ city: expect.any(String), days: expect.any(Number) });
  });

  it("returns the model's thinking as a reasoning item before the message", async () => {
    const res = await client.responses.create({
      model: "qwen3:0.6b",
      input: "Think first",
      reasoning: { effort: "low" },
    });
    expect(res.output.map((o) => o.type)).toEqual(["reasoning", "message"]);
    const reasoning = res.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.summary).toEqual([
      { type: "summary_text", text: expectedThinking("qwen3:0.6b", user("Think first")) },
    ]);
  });
});

describe("responses.stream", () => {
  it("sends the semantic events in order, numbered, and a final response", async () => {
    const stream = client.responses.stream({ model: MODEL, input: "Stream a story about owls" });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const e of stream) events.push(e);
    const final = await stream.finalResponse();
    const expected = expectedReply(MODEL, user("Stream a story about owls"));

    const types = [...new Set(events.map((e) => e.type))];
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.filter((e) => e.type === "response.output_text.delta");
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.map((d) => d.delta).join("")).toBe(expected);
    // The SDK joins output_text only for create(); a stream's final response carries the parts.
    expect(final.output).toMatchObject([
      { type: "message", content: [{ type: "output_text", text: expected }] },
    ]);
    expect(final.status).toBe("completed");
    expect(final.usage!.output_tokens).toBeGreaterThan(0);
  });

  it("streams a function call as an item with its arguments", async () => {
    const stream = client.responses.stream({
      model: MODEL,
      input: "Please call get_weather for me",
      tools: [
        {
          type: "function",
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          strict: true,
        },
      ],
    });
    const types: string[] = [];
    for await (const e of stream) types.push(e.type);
    expect(types).toContain("response.function_call_arguments.delta");
    expect(types).toContain("response.function_call_arguments.done");
    const call = (await stream.finalResponse()).output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
    expect(JSON.parse(call.arguments)).toMatchObject({ city: expect.any(String) });
  });

  it("ends with response.failed carrying the error when the model breaks off", async () => {
    sim.setFaults({ errorAfterTokens: 3, errorMessage: "CUDA error: out of memory" });
    const stream = await client.responses.create({ model: MODEL, input: "Break please", stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const e of stream) events.push(e);
    const last = events.at(-1)!;
    expect(last.type).toBe("response.failed");
    const failed = (last as OpenAI.Responses.ResponseFailedEvent).response;
    expect(failed.status).toBe("failed");
    expect(failed.error!.message).toContain("out of memory");
  });
});

describe("function tools", () => {
  it("round-trips: function_call out, function_call_output in, final answer", async () => {
    const tools: OpenAI.Responses.FunctionTool[] = [
      {
        type: "function",
        name: "get_weather",
        description: "Weather for a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        strict: true,
      },
    ];
    const first = await client.responses.create({
      model: MODEL,
      input: "What is the weather? Please call get_weather",
      tools,
    });
    const call = first.output.find((o) => o.type === "function_call")!;
    expect(call).toMatchObject({ name: "get_weather", call_id: expect.any(String) });

    const second = await client.responses.create({
      model: MODEL,
      previous_response_id: first.id,
      tools,
      input: [{ type: "function_call_output", call_id: call.call_id, output: '{"forecast":"sunny"}' }],
    });
    expect(second.output_text).toContain('The tool returned {"forecast":"sunny"}');
    const messages = lastChat();
    expect(messages.at(-2)).toMatchObject({
      role: "assistant",
      tool_calls: [{ function: { name: "get_weather" } }],
    });
    expect(messages.at(-1)).toMatchObject({ role: "tool", tool_name: "get_weather" });
  });

  it("also works statelessly, with the call sent back as an input item", async () => {
    const res = await client.responses.create({
      model: MODEL,
      store: false,
      input: [
        { role: "user", content: "Weather please" },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
        { type: "function_call_output", call_id: "call_1", output: "rain" },
      ],
    });
    expect(res.output_text).toContain("The tool returned rain");
  });
});

describe("stored responses", () => {
  it("continue a conversation with previous_response_id: the second turn sees the first", async () => {
    const first = await client.responses.create({ model: MODEL, input: "My name is Ada." });
    await client.responses.create({
      model: MODEL,
      previous_response_id: first.id,
      input: "What is my name?",
    });
    expect(lastChat()).toEqual([
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: first.output_text },
      { role: "user", content: "What is my name?" },
    ]);
  });

  it("are retrieved and deleted by their owner; afterwards they are gone", async () => {
    const created = await client.responses.create({ model: MODEL, input: "Keep this one" });
    const got = await client.responses.retrieve(created.id);
    expect(got).toMatchObject({
      id: created.id,
      status: "completed",
      output: created.output,
      usage: created.usage,
    });
    expect(got.output_text).toBe(created.output_text);

    expect(await client.responses.delete(created.id)).toEqual({
      id: created.id,
      object: "response",
      deleted: true,
    });
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      client.responses.create({ model: MODEL, previous_response_id: created.id, input: "again" }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("are invisible to another user: retrieve, delete and continue are all 404", async () => {
    const mine = await client.responses.create({ model: MODEL, input: "Private thoughts" });
    const err = await other.responses.retrieve(mine.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as APIError).error).toMatchObject({
      type: "invalid_request_error",
      code: "not_found",
    });
    await expect(other.responses.delete(mine.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      other.responses.create({ model: MODEL, previous_response_id: mine.id, input: "tell me" }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect((await client.responses.retrieve(mine.id)).id).toBe(mine.id);
  });

  it("keep input with NUL characters (PostgreSQL's jsonb refuses them) without them", async () => {
    const res = await client.responses.create({
      model: MODEL,
      instructions: "be\u0000 brief",
      input: [{ role: "user", content: "a\u0000b" }],
      metadata: { "k\u0000": "v\u0000" },
    });
    expect(res.status).toBe("completed");
    const rows = await query(app.databaseUrl, "SELECT input, settings FROM response WHERE id = $1", [res.id]);
    expect(rows[0]).toMatchObject({
      input: [{ role: "user", content: "ab" }],
      settings: { instructions: "be brief", metadata: { k: "v" } },
    });
  });

  it("are not kept with store: false", async () => {
    const res = await client.responses.create({ model: MODEL, input: "Forget me", store: false });
    expect((res as unknown as { store: boolean }).store).toBe(false);
    await expect(client.responses.retrieve(res.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const rows = await query(app.databaseUrl, "SELECT 1 FROM response WHERE id = $1", [res.id]);
    expect(rows).toHaveLength(0);
  });

  it("keep a streamed response too, and are deleted with their user", async () => {
    const id = await signUp("leaver@example.com");
    const leaver = await gatewayClient(await seedKey({ userId: id }));
    const final = await leaver.responses.stream({ model: MODEL, input: "Stream and store" }).finalResponse();
    const stored = await leaver.responses.retrieve(final.id);
    expect(stored.output_text).toBe(expectedReply(MODEL, user("Stream and store")));
    // Its usage rows are written first: rows queued for a deleted user would fail the batch.
    await (await import("@/lib/usage/record-usage")).flushUsage();
    await query(app.databaseUrl, `DELETE FROM "user" WHERE id = $1`, [id]);
    expect(await query(app.databaseUrl, "SELECT 1 FROM response WHERE user_id = $1", [id])).toHaveLength(0);
  });
});

describe("the gateway's rules on /v1/responses", () => {
  it("records a usage row for the endpoint", async () => {
    const { flushUsage } = await import("@/lib/usage/record-usage");
    const key = await seedKey({ userId, name: "counted" });
    const res = await (await gatewayClient(key)).responses.create({ model: MODEL, input: "Count my tokens" });
    await flushUsage();
    const rows = await query(
      app.databaseUrl,
      `SELECT endpoint, prompt_tokens, completion_tokens, status, stream FROM usage_event WHERE key_prefix = $1`,
      [key.slice(0, 16)],
    );
    expect(rows).toEqual([
      {
        endpoint: "/v1/responses",
        prompt_tokens: res.usage!.input_tokens,
        completion_tokens: res.usage!.output_tokens,
        status: 200,
        stream: false,
      },
    ]);
  });

  it("answers 429 in OpenAI's shape past the owner's request limit", async () => {
    const id = await signUp("limited@example.com");
    await query(app.databaseUrl, `UPDATE "user" SET requests_per_minute = 2 WHERE id = $1`, [id]);
    const limited = await gatewayClient(await seedKey({ userId: id }));
    await limited.responses.create({ model: MODEL, input: "one" });
    await limited.responses.create({ model: MODEL, input: "two" });
    const err = await limited.responses.create({ model: MODEL, input: "three" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as APIError).error).toMatchObject({
      type: "rate_limit_error",
      code: "rate_limit_exceeded",
    });
  });

  it("refuses a key scoped away from chat with 403, and lets a chat-scoped key in", async () => {
    const embedOnly = await gatewayClient(await seedKey({ userId, endpoints: ["embeddings"] }));
    await expect(embedOnly.responses.create({ model: MODEL, input: "hi" })).rejects.toBeInstanceOf(
      OpenAI.PermissionDeniedError,
    );
    await expect(embedOnly.completions.create({ model: MODEL, prompt: "hi" })).rejects.toBeInstanceOf(
      OpenAI.PermissionDeniedError,
    );
    const chatOnly = await gatewayClient(await seedKey({ userId, endpoints: ["chat"] }));
    expect((await chatOnly.responses.create({ model: MODEL, input: "hi" })).status).toBe("completed");
  });

  it("answers bad input with 400 naming the field", async () => {
    const f = await gatewayFetch();
    const key = await seedKey({ userId });
    const post = async (body: unknown) => {
      const res = await f(`${GATEWAY_BASE}/responses`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, error: ((await res.json()) as { error: Record<string, unknown> }).error };
    };
    const cases: [unknown, string][] = [
      [{ model: MODEL }, "input"],
      [{ model: MODEL, input: [{ role: "robot", content: "x" }] }, "input.0.role"],
      [{ model: MODEL, input: "x", tools: [{ type: "web_search" }] }, "tools.0.type"],
      [{ model: MODEL, input: "x", temperature: 7 }, "temperature"],
      [
        {
          model: MODEL,
          input: [{ role: "user", content: [{ type: "input_image", image_url: "https://x/y.png" }] }],
        },
        "input.0.content.0.image_url",
      ],
      [{ model: MODEL, input: "x", text: { format: { type: "xml" } } }, "text.format.type"],
    ];
    for (const [body, param] of cases) {
      const { status, error } = await post(body);
      expect({ status, param: error.param, type: error.type }).toEqual({
        status: 400,
        param,
        type: "invalid_request_error",
      });
    }
    expect((await post({ model: "no-such-model:1b", input: "x" })).status).toBe(404);
  });

  it("answers an unknown response id with 404 and other methods with 405", async () => {
    const f = await gatewayFetch();
    const key = await seedKey({ userId });
    const headers = { authorization: `Bearer ${key}` };
    const missing = await f(`${GATEWAY_BASE}/responses/resp_nope%00`, { headers });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const put = await f(`${GATEWAY_BASE}/responses`, { method: "PUT", headers });
    expect(put.status).toBe(405);
  });
});

describe("legacy POST /v1/completions", () => {
  it("completes a prompt through Ollama's /api/generate", async () => {
    const res = await client.completions.create({ model: MODEL, prompt: "Once upon a time", max_tokens: 50 });
    expect(res.object).toBe("text_completion");
    expect(res.choices[0]!.text).toBe(expectedReply(MODEL, user("Once upon a time")));
    expect(res.choices[0]!.finish_reason).toBe("stop");
    expect(res.usage!.completion_tokens).toBeGreaterThan(0);
    const sent = sim.requests.filter((r) => r.path === "/api/generate").at(-1)!.body;
    expect(sent).toMatchObject({ model: MODEL, prompt: "Once upon a time", options: { num_predict: 50 } });
  });

  it("streams text_completion chunks ending with finish_reason and [DONE]", async () => {
    const stream = await client.completions.create({
      model: MODEL,
      prompt: ["Stream this prompt"],
      stream: true,
      max_tokens: 4,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Completion[] = [];
    for await (const c of stream) chunks.push(c);
    const text = chunks.map((c) => c.choices[0]?.text ?? "").join("");
    expect(text).toBe(expectedReply(MODEL, user("Stream this prompt"), undefined, { num_predict: 4 }));
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("length");
    expect(chunks.at(-1)!.usage!.completion_tokens).toBe(4);
  });

  it("refuses suffix and echo by name", async () => {
    const err = await client.completions
      .create({ model: MODEL, prompt: "x", suffix: "end" })
      .catch((e: unknown) => e as APIError);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as APIError).error).toMatchObject({ param: "suffix" });
    await expect(client.completions.create({ model: MODEL, prompt: "x", echo: true })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
  });
});
