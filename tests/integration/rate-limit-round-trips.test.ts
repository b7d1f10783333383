/**
 * What a /v1 request costs PostgreSQL before it reaches a model: the key check
 * comes from memory and the rate limit (request window and daily token quota,
 * per key or per user) is one statement. Counted by wrapping the app's two
 * pools (the main one, and the limiter counters' own), the only ways the app
 * talks to the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedKey, seedUser } from "../support/seed";
import { query } from "../support/query";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let queries = 0;
let verifyApiKey: typeof import("@/lib/keys/verify-api-key").verifyApiKey;
let rateLimit: typeof import("@/lib/gateway/rate-limit");

beforeAll(async () => {
  app = await setupTestApp({
    RATE_LIMIT_REQUESTS: "3",
    RATE_LIMIT_WINDOW_MS: "60000",
    RATE_LIMIT_TOKENS_PER_DAY: "100",
  });
  ({ verifyApiKey } = await import("@/lib/keys/verify-api-key"));
  rateLimit = await import("@/lib/gateway/rate-limit");
  const { counterPool, pool } = await import("@/lib/db/client");
  for (const p of [pool(), counterPool()]) {
    const send = p.query.bind(p);
    p.query = ((...args: Parameters<typeof send>) => {
      const first = args[0] as unknown;
      const text = typeof first === "string" ? first : (first as { text?: string }).text;
      // Settings are read once per 2 s per process, not per request.
      if (!text?.includes('"app_setting"')) queries++;
      return send(...args);
    }) as typeof p.query;
  }
});

afterAll(async () => {
  const { stopVerifiedKeyCache } = await import("@/lib/keys/verified-key-cache");
  await stopVerifiedKeyCache();
});

/** What one /v1 request does before the model: check the key, take a request. */
async function admit(key: string) {
  const check = await verifyApiKey(key);
  if (!check.ok) throw new Error(`key refused: ${check.reason}`);
  return rateLimit.takeRequest({ keyId: check.keyId, userId: check.userId, limits: check.limits });
}

/** Runs `work` and returns the queries it sent, with its result or error. */
async function counted<T>(work: () => Promise<T>) {
  const before = queries;
  const outcome = await work().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, queries: queries - before };
}

/** A key whose check is cached and whose first-use writes (last used, last active) are done. */
async function warmKey(userId: string): Promise<string> {
  const key = await seedKey({ userId });
  const { verifiedKeyCache } = await import("@/lib/keys/verified-key-cache");
  for (let i = 0; i < 200 && !verifiedKeyCache().listening; i++) await verifyApiKey(key);
  await verifyApiKey(key);
  await new Promise((r) => setTimeout(r, 50));
  return key;
}

const headersOf = (error: unknown) => (error as { headers?: Record<string, string> }).headers ?? {};

describe("a /v1 request's database cost", () => {
  it("is one round trip under the instance's per-key limits, until the window is spent", async () => {
    const user = await seedUser(app.databaseUrl);
    const key = await warmKey(user.id);

    const results = [];
    for (let i = 0; i < 4; i++) results.push(await counted(() => admit(key)));
    expect(results.map((r) => r.queries)).toEqual([1, 1, 1, 1]);
    expect(results.slice(0, 3).map((r) => r.value?.remaining)).toEqual([2, 1, 0]);
    expect(results[0]!.value).toMatchObject({ limit: 3 });

    const refused = results[3]!.error as Error;
    expect(refused.message).toMatch(/^Rate limit reached: 3 requests per 1m0s\. Try again in (\d+m)?\d+s\.$/);
    expect(headersOf(refused)).toMatchObject({ "x-ratelimit-remaining-requests": "0" });
    expect(Number(headersOf(refused)["retry-after"])).toBeGreaterThan(0);
  });

  it("is one round trip under a user's own limits, counted across all their keys", async () => {
    const user = await seedUser(app.databaseUrl);
    await query(
      app.databaseUrl,
      `UPDATE "user" SET requests_per_minute = 4, tokens_per_day = 1000 WHERE id = $1`,
      [user.id],
    );
    const [one, two] = [await warmKey(user.id), await warmKey(user.id)];
    const results = [];
    for (const key of [one, two, one, two, one]) results.push(await counted(() => admit(key)));
    expect(results.map((r) => r.queries)).toEqual([1, 1, 1, 1, 1]);
    expect(results.slice(0, 4).map((r) => r.value?.remaining)).toEqual([3, 2, 1, 0]);
    expect((results[4]!.error as Error).message).toMatch(/^Rate limit reached: 4 requests per 1m0s\./);
  });

  it("is one round trip when the day's tokens are spent, and a refused request takes no point from the window", async () => {
    const user = await seedUser(app.databaseUrl);
    await query(
      app.databaseUrl,
      `UPDATE "user" SET requests_per_minute = 10, tokens_per_day = 50 WHERE id = $1`,
      [user.id],
    );
    const key = await warmKey(user.id);
    expect((await counted(() => admit(key))).value).toMatchObject({ limit: 10, remaining: 9 });

    await rateLimit.addTokens({ userId: user.id, tokens: 60 });
    const spent = await counted(() => admit(key));
    expect(spent.queries).toBe(1);
    expect((spent.error as Error).message).toMatch(/You have used your 50 tokens for today/);
    expect(headersOf(spent.error)).toMatchObject({ "x-should-retry": "false" });

    // Raising the quota lets the next request in, and the refused one cost the window nothing.
    await query(app.databaseUrl, `UPDATE "user" SET tokens_per_day = 1000 WHERE id = $1`, [user.id]);
    // As the admin console does after its change (the notification may still be on its way).
    const { forgetVerifiedKeys } = await import("@/lib/keys/verified-key-cache");
    forgetVerifiedKeys({ userId: user.id });
    expect((await admit(key)).remaining).toBe(8);
  });

  it("refuses a key over the instance's daily token quota in the same round trip", async () => {
    const user = await seedUser(app.databaseUrl);
    const key = await warmKey(user.id);
    const check = await verifyApiKey(key);
    if (!check.ok) throw new Error("key refused");
    await rateLimit.addTokens({ keyId: check.keyId, userId: user.id, tokens: 100 });
    const spent = await counted(() => admit(key));
    expect(spent.queries).toBe(1);
    expect((spent.error as Error).message).toBe("This key has used its 100 tokens for today.");
  });

  it("stays exact under concurrency: 3 of 40 parallel requests on one key pass", async () => {
    const user = await seedUser(app.databaseUrl);
    const key = await warmKey(user.id);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => admit(key)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
  });
});
