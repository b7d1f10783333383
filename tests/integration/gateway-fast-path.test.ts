/**
 * The /v1 fast path as `npm start` serves it (lib/server: our HTTP server and
 * route table, no Next.js behind it here): its own headers on every answer,
 * OpenAI's errors for paths and methods it does not serve, and the body limit
 * counted on the bytes that arrive, whatever the client declared.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let key: string;
let f: Awaited<ReturnType<typeof gatewayFetch>>;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const browser = new Browser();
  await browser.signUp("fast@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await browser.id() });
  f = await gatewayFetch();
});

afterAll(() => sim?.close());

const auth = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const HEARTH = GATEWAY_BASE.replace(/\/v1$/, "");

describe("a streamed chat completion on the fast path", () => {
  it("carries the fast path's marker, a request id, and headers that keep proxies from buffering", async () => {
    const res = await f(`${GATEWAY_BASE}/chat/completions`, {
      method: "POST",
      headers: { ...auth(), "x-request-id": "caller-trace-0001" },
      body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-hearth-path")).toBe("fast");
    expect(res.headers.get("x-request-id")).toBe("caller-trace-0001");
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("cache-control")).toMatch(/no-cache/);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("x-ratelimit-limit-requests")).not.toBeNull();
    const text = await res.text();
    expect(text).toMatch(/^data: \{"id":"chatcmpl-/);
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("answers the same under /api/v1, and JSON answers are never cached", async () => {
    const res = await f(`${HEARTH}/api/v1/models`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-hearth-path")).toBe("fast");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(((await res.json()) as { object: string }).object).toBe("list");
  });
});

describe("paths and methods the API does not serve", () => {
  it("answer 404 unknown_url in OpenAI's shape, naming the method and path, never a page", async () => {
    for (const path of ["/v1/assistants", "/api/v1/no/such/thing", "/v1"]) {
      const res = await f(`${HEARTH}${path}?x=1`, { method: "POST", headers: auth(), body: "{}" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("x-hearth-path")).toBe("fast");
      expect(await res.json()).toEqual({
        error: {
          message: `Invalid URL (POST ${path})`,
          type: "invalid_request_error",
          param: null,
          code: "unknown_url",
        },
      });
    }
  });

  it("answer 405 with Allow for a known path, and OPTIONS lists the methods", async () => {
    const get = await f(`${GATEWAY_BASE}/chat/completions`, { headers: auth() });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    expect(((await get.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "method_not_allowed",
      message: "GET is not supported on /v1/chat/completions; use POST.",
    });
    const del = await f(`${GATEWAY_BASE}/models/${MODEL}`, { method: "DELETE", headers: auth() });
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const options = await f(`${GATEWAY_BASE}/embeddings`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("the body limit", () => {
  it("is counted on the bytes received: a chunked body with no Content-Length past 20 MB is a 413", async () => {
    const piece = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        // 25 MB: past the 20 MB limit.
        if (sent++ < 25) c.enqueue(piece);
        else c.close();
      },
    });
    const res = await f(`${GATEWAY_BASE}/chat/completions`, {
      method: "POST",
      headers: auth(),
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("request_too_large");
  });
});
