/**
 * GET /api/metrics: Prometheus's text format for METRICS_TOKEN's bearer or
 * an admin, nothing for anyone else; its counters follow real /v1 traffic
 * through Hearth's own HTTP server (lib/server), and a scanner trying random
 * paths cannot grow the number of series.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { gatewayFetch, GATEWAY_BASE } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

const MODEL = "llama3.2:3b";
const TOKEN = "scrape-token-" + randomBytes(12).toString("hex");
let sim: OllamaSim;
let admin: Browser;
let member: Browser;
let key: string;
let f: Awaited<ReturnType<typeof gatewayFetch>>;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url, METRICS_TOKEN: TOKEN });
  admin = new Browser();
  await admin.signUp("metrics-admin@example.com", "a long enough passphrase");
  member = new Browser("198.51.100.4");
  await member.signUp("metrics-member@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await admin.id() });
  f = await gatewayFetch();
});

afterAll(() => sim?.close());

const scrape = (headers: Record<string, string> = {}) =>
  new Browser("192.0.2.99").get("/api/metrics", { headers });

async function scrapeText(): Promise<string> {
  const res = await scrape({ authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(" ")[0]!;
    if (wanted.every((l) => labelText.includes(l))) return Number(line.split(" ").at(-1));
  }
  return 0;
}

const seriesOf = (text: string, name: string) =>
  text.split("\n").filter((l) => l.startsWith(`${name}{`)).length;

describe("who may read the metrics", () => {
  it("refuses a caller with neither token nor session, without a metric in the answer", async () => {
    const res = await scrape();
    expect(res.status).toBe(401);
    const body = await res.text();
    expect(body).not.toMatch(/hearth_|nodejs_|process_/);
  });

  it("refuses a wrong token with 401 and a Bearer challenge, even from a signed-in admin", async () => {
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, "Basic abc", `Bearer `]) {
      const res = await admin.get("/api/metrics", { headers: { authorization: wrong } });
      expect(res.status, wrong).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).not.toMatch(/hearth_|nodejs_/);
    }
  });

  it("refuses a signed-in member who is not an admin with 403", async () => {
    const res = await member.get("/api/metrics");
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/hearth_|nodejs_/);
  });

  it("answers the token and an admin's session in Prometheus's text format", async () => {
    const byToken = await scrape({ authorization: `Bearer ${TOKEN}` });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await byToken.text();
    for (const name of [
      "nodejs_eventloop_lag_seconds",
      "process_resident_memory_bytes",
      "hearth_chat_generations_active",
      "hearth_v1_active_streams",
      "hearth_db_pool_connections",
      "hearth_db_pool_waiting_requests",
    ])
      expect(text, name).toContain(`# TYPE ${name} `);
    expect(sample(text, "hearth_pull_jobs", { state: "running" })).toBe(0);

    const bySession = await admin.get("/api/metrics");
    expect(bySession.status).toBe(200);
    expect(await bySession.text()).toContain("# TYPE hearth_http_requests_total counter");
  });
});

describe("what the metrics count", () => {
  it("moves the request, token and time-to-first-token series after a streamed /v1 chat", async () => {
    const labels = { method: "POST", route: "/v1/chat/completions", status: "200" };
    const before = await scrapeText();
    const res = await f(`${GATEWAY_BASE}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: MODEL,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: "user", content: "Say something" }],
      }),
    });
    expect(res.status).toBe(200);
    await res.text();
    // The request is counted when its answer closes, just after the last byte.
    await new Promise((r) => setTimeout(r, 50));
    const after = await scrapeText();

    expect(sample(after, "hearth_http_requests_total", labels)).toBe(
      sample(before, "hearth_http_requests_total", labels) + 1,
    );
    expect(
      sample(after, "hearth_http_request_duration_seconds_count", {
        method: "POST",
        route: "/v1/chat/completions",
      }),
    ).toBeGreaterThan(0);
    expect(sample(after, "hearth_v1_tokens_total", { model: MODEL, kind: "completion" })).toBeGreaterThan(
      sample(before, "hearth_v1_tokens_total", { model: MODEL, kind: "completion" }),
    );
    expect(sample(after, "hearth_v1_tokens_total", { model: MODEL, kind: "prompt" })).toBeGreaterThan(0);
    expect(sample(after, "hearth_v1_time_to_first_token_seconds_count", { model: MODEL })).toBe(
      sample(before, "hearth_v1_time_to_first_token_seconds_count", { model: MODEL }) + 1,
    );
    expect(sample(after, "hearth_v1_generations_total", { model: MODEL, status: "200" })).toBeGreaterThan(0);
    // The stream is over: no stream counted as open.
    expect(sample(after, "hearth_v1_active_streams")).toBe(0);
  });

  it("labels a path by its route pattern, so 1000 random paths add at most a few series", async () => {
    const before = await scrapeText();
    const seriesBefore = seriesOf(before, "hearth_http_requests_total");
    const paths = Array.from({ length: 1000 }, (_, i) => {
      const r = randomBytes(6).toString("hex");
      return [`/v1/models/${r}`, `/c/${r}`, `/${r}/${i}`, `/v1/${r}`][i % 4]!;
    });
    for (let i = 0; i < paths.length; i += 50)
      await Promise.all(
        paths.slice(i, i + 50).map((p) =>
          f(`${GATEWAY_BASE.replace(/\/v1$/, "")}${p}`, {
            headers: { authorization: `Bearer ${key}` },
          }).then((r) => r.arrayBuffer()),
        ),
      );
    await new Promise((r) => setTimeout(r, 50));
    const after = await scrapeText();
    expect(seriesOf(after, "hearth_http_requests_total") - seriesBefore).toBeLessThanOrEqual(6);
    expect(after).toContain('route="/v1/models/[id]"');
    expect(after).toContain('route="/c/[chatId]"');
    expect(after).toContain('route="unmatched"');
    expect(after).not.toMatch(/route="\/c\/[0-9a-f]{12}"/);
  });
});
