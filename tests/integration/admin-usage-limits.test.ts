import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { GATEWAY_BASE, gatewayFetch } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedKey, userIdOf } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let app: TestApp;
let n = 0;

beforeAll(async () => {
  sim = await startOllamaSim();
  // No RATE_LIMIT_* variables: the defaults come from settings, which an admin may change.
  app = await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  await new Browser().signUp("admin@example.com", "the admin's long password");
});

afterAll(() => sim?.close());

/** A fresh user with these limits (null: the instance's), signed in, with one API key. */
async function person(limits: { requestsPerMinute?: number; tokensPerDay?: number } = {}) {
  const email = `person-${++n}@example.com`;
  const browser = new Browser();
  await browser.signUp(email, "a long enough passphrase");
  const userId = await userIdOf(app.databaseUrl, email);
  await query(
    app.databaseUrl,
    `UPDATE "user" SET requests_per_minute = $2, tokens_per_day = $3 WHERE id = $1`,
    [userId, limits.requestsPerMinute ?? null, limits.tokensPerDay ?? null],
  );
  const key = await seedKey({ userId, name: "limits" });
  const chat = await browser.post("/api/chats", { model: MODEL });
  const chatId = (await chat.json()).id as string;
  return {
    viaKey: async () =>
      (await gatewayFetch())(`${GATEWAY_BASE}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          model: MODEL,
          messages: [{ role: "user", content: `hello ${Math.random()}` }],
        }),
      }),
    viaChat: () => browser.post(`/api/chats/${chatId}/messages`, { content: `hello ${Math.random()}` }),
  };
}

/** Tokens are counted once a reply is done, just after the answer: wait for the refusal. */
async function eventually429(send: () => Promise<Response>): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await send();
    if (res.status === 429) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("never refused");
}

describe("a user's requests per minute", () => {
  it("refuse the 3rd request via an API key at 2 per minute, with the user's limit in the headers", async () => {
    const p = await person({ requestsPerMinute: 2 });
    const first = await p.viaKey();
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect((await p.viaKey()).status).toBe(200);
    const third = await p.viaKey();
    expect(third.status).toBe(429);
    expect((await third.json()).error.message).toMatch(/2 requests per 1m0s/);
  });

  it("refuse the 3rd chat message at 2 per minute, with a message the composer can show", async () => {
    const p = await person({ requestsPerMinute: 2 });
    expect((await p.viaChat()).status).toBe(201);
    expect((await p.viaChat()).status).toBe(201);
    const third = await p.viaChat();
    expect(third.status).toBe(429);
    expect((await third.json()).error.message).toMatch(
      /^Rate limit reached: 2 requests per 1m0s\. Try again in (\d+m)?\d+s\.$/,
    );
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("count keys and chat together", async () => {
    const p = await person({ requestsPerMinute: 2 });
    expect((await p.viaKey()).status).toBe(200);
    expect((await p.viaChat()).status).toBe(201);
    expect((await p.viaKey()).status).toBe(429);
    expect((await p.viaChat()).status).toBe(429);
  });

  it("replace the instance default: a user without a limit is not held to 2", async () => {
    const p = await person();
    for (let i = 0; i < 4; i++) expect((await p.viaChat()).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await p.viaKey()).status).toBe(200);
  });
});

describe("a user's tokens per day", () => {
  it("once spent in chat, refuse both chat and the user's keys, saying so", async () => {
    const p = await person({ tokensPerDay: 5 });
    expect((await p.viaChat()).status).toBe(201);
    const refused = await eventually429(p.viaChat);
    expect((await refused.json()).error.message).toMatch(/You have used your 5 tokens for today/);
    const viaKey = await p.viaKey();
    expect(viaKey.status).toBe(429);
    expect(viaKey.headers.get("x-should-retry")).toBe("false");
  });

  it("once spent through a key, refuse chat too", async () => {
    const p = await person({ tokensPerDay: 5 });
    expect((await p.viaKey()).status).toBe(200);
    await eventually429(p.viaKey);
    expect((await p.viaChat()).status).toBe(429);
  });
});

describe("the instance defaults from settings", () => {
  it("take effect on the next request when an admin changes them", async () => {
    const { updateSettings, resetStoredSettings } = await import("@/lib/settings/settings");
    const adminId = await userIdOf(app.databaseUrl, "admin@example.com");
    try {
      await updateSettings({ rateLimitRequests: 3, rateLimitWindowMs: 60_000 }, adminId);
      const p = await person();
      for (let i = 0; i < 3; i++) expect((await p.viaKey()).status).toBe(200);
      const refused = await p.viaKey();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("x-ratelimit-limit-requests")).toBe("3");

      await updateSettings({ rateLimitRequests: 5 }, adminId);
      const allowed = await p.viaKey();
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get("x-ratelimit-limit-requests")).toBe("5");

      await updateSettings({ rateLimitTokensPerDay: 5 }, adminId);
      const q = await person();
      expect((await q.viaKey()).status).toBe(200);
      const spent = await eventually429(q.viaKey);
      expect((await spent.json()).error.message).toMatch(/This key has used its 5 tokens for today/);
    } finally {
      await resetStoredSettings();
    }
  });
});
