import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { expectedReply, expectedThinking, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url, RATE_LIMIT_REQUESTS: "1000" });
  const browser = new Browser();
  await browser.signUp("ai-sdk@example.com", "a long enough passphrase");
  const key = await seedKey({ userId: await browser.id(), name: "ai sdk" });
  // The Vercel AI SDK's OpenAI provider, pointed at Hearth's route handlers in-process.
  openai = createOpenAI({ apiKey: key, baseURL: GATEWAY_BASE, fetch: await gatewayFetch() });
});

afterAll(() => sim?.close());

const user = (text: string) => [{ role: "user", content: text }];

describe("the Vercel AI SDK's openai.responses() provider against /v1/responses", () => {
  it("generateText gets the answer, its usage and the finish reason", async () => {
    const result = await generateText({ model: openai.responses(MODEL), prompt: "Tell me about badgers" });
    expect(result.text).toBe(expectedReply(MODEL, user("Tell me about badgers")));
    expect(result.finishReason).toBe("stop");
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.response.id).toMatch(/^resp_/);
  });

  it("streamText streams the same text in pieces", async () => {
    const result = streamText({
      model: openai.responses(MODEL),
      system: "Be brief.",
      prompt: "Stream about herons",
    });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe(expectedReply(MODEL, user("Stream about herons")));
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it("streamText shows a thinking model's reasoning apart from its answer", async () => {
    const result = streamText({
      model: openai.responses("qwen3:0.6b"),
      prompt: "Think it over",
      // The provider sends reasoning options only to models it knows think, unless told.
      providerOptions: { openai: { reasoningEffort: "low", forceReasoning: true } },
    });
    expect(await result.text).toBe(expectedReply("qwen3:0.6b", user("Think it over")));
    expect(await result.reasoningText).toBe(expectedThinking("qwen3:0.6b", user("Think it over")));
  });

  it("runs a tool loop: the call, the tool's result, the final answer", async () => {
    const calls: unknown[] = [];
    const result = await generateText({
      model: openai.responses(MODEL),
      prompt: "What is the weather? Please call get_weather",
      tools: {
        get_weather: tool({
          description: "Weather for a city",
          inputSchema: jsonSchema<{ city: string }>({
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          }),
          execute: async (input) => {
            calls.push(input);
            return { forecast: "sunny" };
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(calls).toEqual([{ city: expect.any(String) }]);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toContain("sunny");
  });
});
