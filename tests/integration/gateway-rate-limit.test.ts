import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedKey } from "../support/seed";
import { gatewayClient, gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let newKey: (name: string) => Promise<string>;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({
    OLLAMA_BASE_URL: sim.url,
    RATE_LIMIT_REQUESTS: "10",
    RATE_LIMIT_WINDOW_MS: "60000",
    RATE_LIMIT_TOKENS_PER_DAY: "150",
  });
  const browser = new Browser();
  await browser.signUp("limits@example.com", "a long enough passphrase");
  const userId = await browser.id();
  newKey = (name) => seedKey({ userId, name });
});

afterAll(() => sim?.close());

const body = (text: string) => JSON.stringify({ model: MODEL, messages: [{ role: "user", content: text }] });

describe("per-key rate limits", () => {
  it("let exactly 10 of 100 parallel requests through, with OpenAI's headers", async () => {
    const key = await newKey("burst");
    const f = await gatewayFetch();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        f(`${GATEWAY_BASE}/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body(`burst ${i}`),
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(ok).toHaveLength(10);
    expect(limited).toHaveLength(90);
    for (const r of ok) {
      expect(r.headers.get("x-ratelimit-limit-requests")).toBe("10");
      expect(Number(r.headers.get("x-ratelimit-remaining-requests"))).toBeLessThan(10);
      expect(r.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+m)?\d+s$/);
    }
    const r = limited[0]!;
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(r.headers.get("retry-after-ms"))).toBeGreaterThan(0);
    expect(r.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(r.headers.get("x-should-retry")).toBeNull();
    expect((await r.json()).error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
  });

  it("spend nothing on requests that are refused as invalid", async () => {
    const key = await newKey("invalid-first");
    const f = await gatewayFetch();
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    for (let i = 0; i < 15; i++) {
      const res = await f(`${GATEWAY_BASE}/chat/completions`, { method: "POST", headers, body: "{bad json" });
      expect(res.status).toBe(400);
    }
    const ok = await f(`${GATEWAY_BASE}/chat/completions`, {
      method: "POST",
      headers,
      body: body("now valid"),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-remaining-requests")).toBe("9");
  });

  it("surface as RateLimitError in the SDK, and a spent daily token quota says not to retry", async () => {
    const client = await gatewayClient(await newKey("quota"));
    let err: unknown;
    for (let i = 0; i < 10 && !err; i++) {
      await client.chat.completions
        .create({ model: MODEL, messages: [{ role: "user", content: `q${i}` }] })
        .catch((e) => {
          err = e;
        });
    }
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.message).toMatch(/150 tokens for today/);
    expect(e.headers?.get("x-should-retry")).toBe("false");
  });
});
