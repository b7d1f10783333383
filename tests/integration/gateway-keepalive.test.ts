import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { seedKey } from "../support/seed";
import { gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let key: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  // The default RUNNER_TIMEOUT_MS (5 minutes) lets a slow model take its time;
  // keepalives every 300 ms stand for the default 15 s, so the test does not wait 16 s.
  await setupTestApp({ OLLAMA_BASE_URL: sim.url, SSE_KEEPALIVE_MS: "300" });
  const browser = new Browser();
  await browser.signUp("patient@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await browser.id() });
});

afterAll(() => sim?.close());

const ask = (text: string) => [{ role: "user" as const, content: text }];

describe("a silent model", () => {
  it("gets a keepalive comment every SSE_KEEPALIVE_MS, and the answer after it", async () => {
    sim.setFaults({ firstTokenDelayMs: 2_500 });
    const f = await gatewayFetch();
    const res = await f(`${GATEWAY_BASE}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, stream: true, messages: ask("take your time") }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const keepalive = text.indexOf(": keepalive\n\n");
    const firstContent = text.indexOf('"content":"', text.indexOf('"content":""') + 1);
    expect(keepalive).toBeGreaterThan(0);
    expect(keepalive).toBeLessThan(firstContent);
    // Not one: one every interval while the model stays silent.
    expect(text.slice(0, firstContent).split(": keepalive\n\n").length - 1).toBeGreaterThanOrEqual(2);
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });
});
