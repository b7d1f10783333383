import { beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { query } from "../support/query";
import { seedKey, seedUser, userIdOf } from "../support/seed";
import { setupTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
const admin = new Browser();
const bob = new Browser();
const signedOut = new Browser();
let adminId: string;
let bobId: string;
let k1: string;
let k2: string;

interface Row {
  at: string;
  source: "api" | "chat";
  model: string;
  userId: string;
  key: string | null;
  status: number;
  pt: number;
  ct: number;
  ttft: number | null;
}

/** One INSERT per call, as the app's batched writer does: the rollup trigger merges them. */
async function insertUsage(rows: Row[]) {
  const values: unknown[] = [];
  const tuples = rows.map((r, i) => {
    values.push(r.at, r.userId, r.key, r.source, r.model, r.status, r.pt, r.ct, r.ttft);
    const p = (n: number) => `$${i * 9 + n}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'test', ${p(5)}, false, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, 10)`;
  });
  await query(
    app.databaseUrl,
    `INSERT INTO usage_event (created_at, user_id, key_prefix, source, endpoint, model, stream, status,
       prompt_tokens, completion_tokens, ttft_ms, duration_ms) VALUES ${tuples.join(", ")}`,
    values,
  );
}

async function prefixOf(name: string) {
  const [row] = await query<{ prefix: string }>(
    app.databaseUrl,
    `SELECT prefix FROM api_key WHERE name = $1`,
    [name],
  );
  return row!.prefix;
}

beforeAll(async () => {
  app = await setupTestApp();
  await admin.signUp("admin@example.com", "the admin's long password");
  await bob.signUp("bob@example.com", "bob's long password!!");
  adminId = await userIdOf(app.databaseUrl, "admin@example.com");
  bobId = await userIdOf(app.databaseUrl, "bob@example.com");
  await seedKey({ userId: bobId, name: "bob laptop" });
  await seedKey({ userId: bobId, name: "bob server" });
  k1 = await prefixOf("bob laptop");
  k2 = await prefixOf("bob server");

  // 2025-03-01 .. 2025-03-02; nothing on 2025-03-03. Hand-computed sums in the tests below.
  const row = (r: Partial<Row> & Pick<Row, "at" | "source" | "model" | "userId">): Row => ({
    key: null,
    status: 200,
    pt: 0,
    ct: 0,
    ttft: null,
    ...r,
  });
  await insertUsage([
    row({
      at: "2025-03-01T08:00:00Z",
      source: "api",
      model: "m-a",
      userId: bobId,
      key: k1,
      pt: 10,
      ct: 20,
      ttft: 100,
    }),
  ]);
  await insertUsage([
    row({
      at: "2025-03-01T23:59:59Z",
      source: "api",
      model: "m-a",
      userId: bobId,
      key: k1,
      pt: 5,
      ct: 5,
      ttft: 300,
    }),
    row({ at: "2025-03-01T12:00:00Z", source: "api", model: "m-b", userId: bobId, key: k2, status: 500 }),
  ]);
  await insertUsage([
    row({
      at: "2025-03-02T00:00:00Z",
      source: "chat",
      model: "m-a",
      userId: adminId,
      pt: 7,
      ct: 3,
      ttft: 200,
    }),
    row({ at: "2025-03-02T10:00:00Z", source: "chat", model: "m-b", userId: bobId, status: 429 }),
    row({
      at: "2025-03-02T11:00:00Z",
      source: "api",
      model: "m-b",
      userId: bobId,
      key: k2,
      pt: 100,
      ct: 50,
      ttft: 2200,
    }),
  ]);
  // Outside the range: must not count.
  await insertUsage([
    row({ at: "2025-02-28T23:59:59Z", source: "api", model: "m-a", userId: bobId, key: k1, pt: 999 }),
  ]);
});

const RANGE = "range=custom&from=2025-03-01&to=2025-03-03";

async function report(qs: string) {
  const res = await admin.get(`/api/admin/usage?${qs}`);
  expect(res.status).toBe(200);
  return res.json();
}

/** Medians come from a histogram: right to within the bucket the true median falls in (50 ms wide below 500 ms). */
function expectMedianNear(actual: number | null, exact: number, bucketWidth = 50) {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - exact)).toBeLessThanOrEqual(bucketWidth);
}

describe("usage aggregates", () => {
  it("sum both sources over the range, per day with zero days, errors being statuses of 400 and above", async () => {
    const r = await report(RANGE);
    expect(r.from).toBe("2025-03-01");
    expect(r.to).toBe("2025-03-03");
    expect(r.totals).toMatchObject({ requests: 6, errors: 2, promptTokens: 122, completionTokens: 78 });
    // TTFTs 100, 200, 300, 2200: the median is 250.
    expectMedianNear(r.totals.medianTtftMs, 250);
    expect(
      r.days.map((d: { day: string; requests: number; errors: number }) => [d.day, d.requests, d.errors]),
    ).toEqual([
      ["2025-03-01", 3, 1],
      ["2025-03-02", 3, 1],
      ["2025-03-03", 0, 0],
    ]);
    expect(r.days[2].medianTtftMs).toBeNull();
  });

  it("group per model and per user, most requests first, with names and emails", async () => {
    const r = await report(RANGE);
    expect(r.models[0]).toMatchObject({
      model: "m-a",
      requests: 3,
      errors: 0,
      promptTokens: 22,
      completionTokens: 28,
    });
    expectMedianNear(r.models[0].medianTtftMs, 200);
    expect(r.models[1]).toMatchObject({
      model: "m-b",
      requests: 3,
      errors: 2,
      promptTokens: 100,
      completionTokens: 50,
    });
    expect(r.users).toEqual([
      expect.objectContaining({
        userId: bobId,
        name: "bob",
        email: "bob@example.com",
        requests: 5,
        errors: 2,
        promptTokens: 115,
      }),
      expect.objectContaining({
        userId: adminId,
        email: "admin@example.com",
        requests: 1,
        promptTokens: 7,
        completionTokens: 3,
      }),
    ]);
  });

  it("group per API key with the key's name, chat rows having no key", async () => {
    const r = await report(RANGE);
    expect(r.keys).toHaveLength(2);
    const byPrefix = Object.fromEntries(r.keys.map((k: { keyPrefix: string }) => [k.keyPrefix, k]));
    expect(byPrefix[k1]).toMatchObject({
      keyName: "bob laptop",
      email: "bob@example.com",
      requests: 2,
      errors: 0,
      promptTokens: 15,
      completionTokens: 25,
    });
    expectMedianNear(byPrefix[k1].medianTtftMs, 200);
    expect(byPrefix[k2]).toMatchObject({
      keyName: "bob server",
      requests: 2,
      errors: 1,
      promptTokens: 100,
      completionTokens: 50,
    });
    // Only one TTFT (2200 ms), in the 2000–2500 bucket.
    expectMedianNear(byPrefix[k2].medianTtftMs, 2200, 500);
  });

  it("filter by source", async () => {
    const chat = await report(`${RANGE}&source=chat`);
    expect(chat.source).toBe("chat");
    expect(chat.totals).toMatchObject({ requests: 2, errors: 1, promptTokens: 7, completionTokens: 3 });
    expect(chat.keys).toEqual([]);
    const api = await report(`${RANGE}&source=api`);
    expect(api.totals).toMatchObject({ requests: 4, errors: 1, promptTokens: 115, completionTokens: 75 });
    const both = await report(`${RANGE}&source=`);
    expect(both.totals.requests).toBe(6);
  });

  it("count a day from UTC midnight to midnight", async () => {
    const r = await report("range=custom&from=2025-03-01&to=2025-03-01");
    expect(r.totals).toMatchObject({ requests: 3, promptTokens: 15 });
    expect(r.days).toHaveLength(1);
  });

  it("show today and the last 7 and 30 days, ending today (UTC)", async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const [range, days] of [
      ["today", 1],
      ["7d", 7],
      ["30d", 30],
    ] as const) {
      const r = await report(`range=${range}`);
      expect(r.to).toBe(today);
      expect(r.days).toHaveLength(days);
    }
  });

  it("drop a deleted user's usage with the user", async () => {
    const carol = await seedUser(app.databaseUrl, { email: "carol@example.com" });
    await insertUsage([
      {
        at: "2025-03-03T05:00:00Z",
        source: "chat",
        model: "m-c",
        userId: carol.id,
        key: null,
        status: 200,
        pt: 1,
        ct: 1,
        ttft: 10,
      },
    ]);
    const before = await report(RANGE);
    expect(before.totals.requests).toBe(7);
    expect(before.models.map((m: { model: string }) => m.model)).toContain("m-c");
    await query(app.databaseUrl, `DELETE FROM "user" WHERE id = $1`, [carol.id]);
    const after = await report(RANGE);
    expect(after.totals.requests).toBe(6);
    expect(after.days[2]).toMatchObject({ requests: 0, medianTtftMs: null });
    expect(after.models.map((m: { model: string }) => m.model)).not.toContain("m-c");
    expect(after.users.map((u: { email: string }) => u.email)).not.toContain("carol@example.com");
  });
});

describe("range validation", () => {
  const cases: [string, RegExp][] = [
    ["range=custom&from=2025-03-05&to=2025-03-01", /start on or before/],
    ["range=custom&from=2024-01-01&to=2025-01-02", /at most 366 days/],
    ["range=custom&from=2025-02-30&to=2025-03-01", /from: a real date/],
    ["range=custom&from=2025-03-01", /needs both from and to/],
    ["range=custom&from=yesterday&to=2025-03-01", /from: a date as YYYY-MM-DD/],
    ["range=week", /range:/],
    ["range=7d&source=email", /source:/],
  ];
  for (const [qs, message] of cases) {
    it(`refuses ${qs} with a 400 that says why, on both routes`, async () => {
      for (const path of ["/api/admin/usage", "/api/admin/usage/export.csv"]) {
        const res = await admin.get(`${path}?${qs}`);
        expect(res.status).toBe(400);
        expect((await res.json()).error.message).toMatch(message);
      }
    });
  }

  it("accepts exactly 366 days", async () => {
    const r = await report("range=custom&from=2024-01-01&to=2024-12-31");
    expect(r.days).toHaveLength(366);
  });
});

describe("CSV export", () => {
  it("downloads the aggregates per day, source, model, user and key", async () => {
    const res = await admin.get(`/api/admin/usage/export.csv?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="hearth-usage-2025-03-01-to-2025-03-03.csv"',
    );
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "date,source,model,user_name,user_email,key_prefix,key_name,requests,errors,prompt_tokens,completion_tokens,median_ttft_ms",
    );
    expect(lines).toHaveLength(1 + 5);
    const laptop = lines.find((l) =>
      l.startsWith(`2025-03-01,api,m-a,bob,bob@example.com,${k1},bob laptop,2,0,15,25,`),
    );
    expect(laptop).toBeDefined();
    expectMedianNear(Number(laptop!.split(",").at(-1)), 200);
    const chat = lines.find((l) => l.startsWith("2025-03-02,chat,m-a,admin,admin@example.com,,,1,0,7,3,"));
    expectMedianNear(Number(chat!.split(",").at(-1)), 200);
    // Totals of the file match the report's.
    const requests = lines.slice(1).reduce((sum, l) => sum + Number(l.split(",")[7]), 0);
    expect(requests).toBe(6);
  });

  it("keeps cells a spreadsheet would run as formulas as text", async () => {
    const mallory = await seedUser(app.databaseUrl, {
      email: "mallory@example.com",
      name: '=HYPERLINK("http://evil.example","x")',
    });
    await seedKey({ userId: mallory.id, name: "+cmd|' /C calc'!A0" });
    const prefix = await prefixOf("+cmd|' /C calc'!A0");
    await insertUsage([
      {
        at: "2025-04-01T00:00:00Z",
        source: "api",
        model: "@SUM(1+1)",
        userId: mallory.id,
        key: prefix,
        status: 200,
        pt: 1,
        ct: 1,
        ttft: null,
      },
      {
        at: "2025-04-01T00:00:00Z",
        source: "api",
        model: "-2+3",
        userId: mallory.id,
        key: prefix,
        status: 200,
        pt: 1,
        ct: 1,
        ttft: null,
      },
    ]);
    const res = await admin.get("/api/admin/usage/export.csv?range=custom&from=2025-04-01&to=2025-04-01");
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain("'+cmd|' /C calc'!A0");
    expect(text).toContain("'@SUM(1+1)");
    expect(text).toContain("'-2+3");
    for (const line of text.trimEnd().split("\r\n")) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it("is a header only for a range without usage", async () => {
    const res = await admin.get("/api/admin/usage/export.csv?range=custom&from=2001-01-01&to=2001-01-31");
    expect((await res.text()).trimEnd().split("\r\n")).toHaveLength(1);
  });
});

describe("access", () => {
  for (const path of [`/api/admin/usage?${RANGE}`, `/api/admin/usage/export.csv?${RANGE}`]) {
    it(`${path.split("?")[0]} refuses a USER with 403 and signed-out with 401, showing nothing`, async () => {
      const asUser = await bob.get(path);
      expect(asUser.status).toBe(403);
      expect(await asUser.text()).not.toMatch(/bob@example.com|m-a/);
      const anon = await signedOut.get(path);
      expect(anon.status).toBe(401);
      expect(await anon.text()).not.toMatch(/bob@example.com|m-a/);
    });
  }
});
