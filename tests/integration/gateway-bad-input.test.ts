/**
 * Bad input on /v1 gets a 400 (or 405) in OpenAI's error shape, before the
 * key's rate-limit point is taken; never a 500.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appFetch, appRequest, loadHandler } from "../support/app-client";
import { Browser } from "../support/auth-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let key: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({
    OLLAMA_BASE_URL: sim.url,
    RATE_LIMIT_REQUESTS: "1000",
    RATE_LIMIT_WINDOW_MS: "60000",
  });
  const browser = new Browser();
  await browser.signUp("bad-input@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await browser.id(), name: "bad input" });
});

afterAll(() => sim?.close());

function post(body: string, headers: Record<string, string> = {}) {
  return appFetch(
    appRequest("/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body,
    }),
  );
}

/** `{"a":{"a":...}}` nested `depth` levels: legal JSON that JSON.parse reads without trouble. */
const nested = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

async function remaining(): Promise<number> {
  const res = await appFetch(appRequest("/v1/models", { headers: { authorization: `Bearer ${key}` } }));
  return Number(res.headers.get("x-ratelimit-remaining-requests"));
}

async function expectOpenAIError(res: Response, status: number, param?: string | RegExp) {
  expect(res.status).toBe(status);
  const { error } = (await res.json()) as {
    error: { message: string; type: string; param: string | null; code: string | null };
  };
  expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(error.message).toEqual(expect.any(String));
  expect(error.type).toEqual(expect.any(String));
  if (param !== undefined) expect(error.param).toMatch(param);
  return error;
}

describe("free-form JSON in /v1/chat/completions", () => {
  it("refuses a response_format schema nested thousands deep with a 400 naming it, spending no request", async () => {
    const before = await remaining();
    const res = await post(
      `{"model":"${MODEL}","messages":[{"role":"user","content":"hi"}],` +
        `"response_format":{"type":"json_schema","json_schema":{"name":"deep","schema":${nested(5000)}}}}`,
    );
    const error = await expectOpenAIError(res, 400, "response_format.json_schema.schema");
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toMatch(/nested more than \d+ levels/);
    // The models call itself takes one point; the refused request took none.
    expect(await remaining()).toBe(before - 1);
  });

  it("refuses tool parameters nested thousands deep with a 400 naming the tool", async () => {
    const res = await post(
      JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "hi" }] }).slice(0, -1) +
        `,"tools":[{"type":"function","function":{"name":"deep","parameters":${nested(5000)}}}]}`,
    );
    const error = await expectOpenAIError(res, 400, "tools.0.function.parameters");
    expect(error.message).toMatch(/tools\.0\.function\.parameters: is nested more than/);
  });

  it("refuses a schema with too many values, and metadata or logit_bias out of OpenAI's bounds", async () => {
    const wide = {
      type: "object",
      properties: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`p${i}`, 1])),
    };
    const base = { model: MODEL, messages: [{ role: "user", content: "hi" }] };
    await expectOpenAIError(
      await post(
        JSON.stringify({
          ...base,
          tools: [{ type: "function", function: { name: "wide", parameters: wide } }],
        }),
      ),
      400,
      "tools.0.function.parameters",
    );
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
    await expectOpenAIError(await post(JSON.stringify({ ...base, metadata })), 400, "metadata");
    await expectOpenAIError(
      await post(JSON.stringify({ ...base, logit_bias: { "50256": 1000 } })),
      400,
      /^logit_bias/,
    );
  });

  it("still answers a request with an ordinary schema, tools and metadata", async () => {
    const res = await post(
      JSON.stringify({
        model: MODEL,
        messages: [{ role: "user", content: "hi" }],
        tools: [
          {
            type: "function",
            function: {
              name: "get_weather",
              parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            },
          },
        ],
        metadata: { team: "kitchen" },
        logit_bias: { "50256": -100 },
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe("path parameters on /v1/models/{id}", () => {
  // The handler itself, given the id as Next.js hands it over (decoded once), which appFetch does not do.
  const get = async (id: string) =>
    (await loadHandler("/v1/models/[id]", "GET"))(
      appRequest(`/v1/models/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${key}` } }),
      { params: Promise.resolve({ id }) },
    );

  it("answers a malformed percent-encoding with a 400 naming the model, not a 500", async () => {
    // Next.js has decoded the path once: "%25E0%A4%A" arrives as "%E0%A4%A".
    const error = await expectOpenAIError(await get("%E0%A4%A"), 400, "model");
    expect(error.message).toMatch(/percent-encoding/);
    await expectOpenAIError(await get("%"), 400, "model");
  });

  it("decodes an escaped slash left by Next.js, and refuses control characters and very long ids", async () => {
    expect((await get(encodeURIComponent(MODEL))).status).toBe(200);
    await expectOpenAIError(await get("llama\u0000"), 400, "model");
    await expectOpenAIError(await get("m".repeat(5000)), 400, "model");
  });
});

describe("methods a /v1 route does not support", () => {
  it("answer 405 in OpenAI's shape, with an Allow header", async () => {
    const cases = [
      ["/v1/chat/completions", "GET", "/v1/chat/completions", "POST"],
      ["/v1/chat/completions", "DELETE", "/v1/chat/completions", "POST"],
      ["/v1/embeddings", "PUT", "/v1/embeddings", "POST"],
      ["/v1/models", "POST", "/v1/models", "GET"],
      ["/v1/models/[id]", "DELETE", `/v1/models/${MODEL}`, "GET"],
    ] as const;
    for (const [route, method, path, allowed] of cases) {
      // Exported, so that the 405 below is the route's own answer and not the test harness's.
      expect(await loadHandler(route, method), `${method} ${path} is exported`).toBeTypeOf("function");
      const res = await appFetch(appRequest(path, { method }));
      const error = await expectOpenAIError(res, 405);
      expect(error).toMatchObject({ type: "invalid_request_error", code: "method_not_allowed" });
      expect(res.headers.get("allow")).toContain(allowed);
      expect(res.headers.get("allow")).not.toContain(method);
    }
    const options = await appFetch(appRequest("/v1/chat/completions", { method: "OPTIONS" }));
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("are the same under /api/v1", async () => {
    expect((await appFetch(appRequest("/api/v1/chat/completions"))).status).toBe(405);
  });
});

describe("withApiKey", () => {
  it("keeps a caller's well-formed x-request-id, as the rest of the app does, and replaces junk", async () => {
    const ok = await post("{bad json", { "x-request-id": "client-req-12345" });
    expect(ok.headers.get("x-request-id")).toBe("client-req-12345");
    const junk = await post("{bad json", { "x-request-id": "<script>alert(1)</script>" });
    expect(junk.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs a client that disconnects mid-body at debug, not as an unexpected error", async () => {
    const { logger } = await import("@/lib/log/logger");
    const error = vi.spyOn(logger(), "error");
    const debug = vi.spyOn(logger(), "debug");
    const gone = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`{"model":"${MODEL}","messages":[`));
      },
      pull(c) {
        // The connection drops: the request is aborted and its body stream fails, as in Next.js.
        gone.abort();
        c.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const res = await appFetch(
      appRequest("/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
        signal: gone.signal,
      }),
    );
    expect(res.status).toBeLessThan(500);
    expect(error).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/client went away/));
    error.mockRestore();
    debug.mockRestore();
  });
});
