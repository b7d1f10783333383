/**
 * A client that reads slower than the model writes (a slow link, a paused
 * consumer, or a hostile one that never reads) holds the model back: Hearth
 * keeps no more of the answer than its sockets' buffers, instead of reading
 * the whole answer into memory, and nothing is lost once the client reads on.
 * One that takes nothing for STREAM_STALL_MS is cut, and the model stopped.
 */
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { fastPathOrigin } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

let sim: OllamaSim;
let key: string;
let databaseUrl: string;
/** The stall limit here: longer than the first test's pause, short enough to wait for in the second. */
const STALL_MS = 8000;

beforeAll(async () => {
  sim = await startOllamaSim();
  ({ databaseUrl } = await setupTestApp({ OLLAMA_BASE_URL: sim.url, STREAM_STALL_MS: String(STALL_MS) }));
  const browser = new Browser();
  await browser.signUp("slow-reader@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await browser.id() });
});

afterAll(() => sim?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A streamed chat completion over a raw socket, so that the test decides when it is read. */
async function streamRequest(prompt: string): Promise<http.IncomingMessage> {
  const origin = new URL(await fastPathOrigin());
  const body = JSON.stringify({
    model: "llama3.2:3b",
    stream: true,
    messages: [{ role: "user", content: prompt }],
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        method: "POST",
        path: "/v1/chat/completions",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      },
      resolve,
    );
    req.on("error", reject);
    req.end(body);
  });
}

it("a client that stops reading holds the model back, and gets every token once it reads again", async () => {
  // About 30 MB of NDJSON from the model and more as SSE: far more than the sockets between hold.
  const TOKENS = 250_000;
  sim.planReply("a very long answer", Array.from({ length: TOKENS }, (_, i) => `w${i % 1000}`).join(" "));
  const completedBefore = sim.completedGenerations;
  const res = await streamRequest("a very long answer");
  expect(res.statusCode).toBe(200);
  // Read nothing for a while: the model must still be generating, held back, not finished.
  res.pause();
  await sleep(4000);
  expect(sim.activeGenerations).toBe(1);
  expect(sim.completedGenerations).toBe(completedBefore);

  // Reading again, the client gets the whole answer, in order, and its end.
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (s: string) => (text += s));
  res.resume();
  await new Promise((r) => res.on("end", r));
  const contents: string[] = [];
  for (const line of text.split("\n\n")) {
    if (!line.startsWith("data: {")) continue;
    const chunk = JSON.parse(line.slice(6)) as { choices: Array<{ delta: { content?: string } }> };
    const c = chunk.choices[0]?.delta.content;
    if (c) contents.push(c);
  }
  const words = contents.join("").trim().split(/\s+/);
  expect(words).toHaveLength(TOKENS);
  expect(words[TOKENS - 1]).toBe(`w${(TOKENS - 1) % 1000}`);
  expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  expect(sim.completedGenerations).toBe(completedBefore + 1);
}, 60_000);

it("a client that takes nothing for the stall limit is cut, the model is stopped, and the request is counted as 499", async () => {
  sim.planReply(
    "another very long answer",
    Array.from({ length: 250_000 }, (_, i) => `v${i % 1000}`).join(" "),
  );
  const abortedBefore = sim.abortedGenerations;
  const res = await streamRequest("another very long answer");
  expect(res.statusCode).toBe(200);
  res.pause();
  const pausedAt = performance.now();
  await sleep(STALL_MS / 2);
  expect(sim.activeGenerations).toBe(1); // held back, not yet cut
  // Hearth cuts the connection, which stops the model. (A paused client socket reads nothing,
  // not even the close, so the model's side is where to watch.)
  while (sim.abortedGenerations === abortedBefore && performance.now() - pausedAt < STALL_MS + 10_000)
    await sleep(100);
  expect(sim.abortedGenerations).toBe(abortedBefore + 1);
  expect(performance.now() - pausedAt).toBeGreaterThan(STALL_MS - 500);
  expect(sim.activeGenerations).toBe(0);
  // Reading again, the client finds the answer cut short: no end of stream.
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => (text += chunk));
  const closed = new Promise((r) => res.on("close", r));
  res.resume();
  await closed;
  expect(text).toMatch(/^data: \{"id":"chatcmpl-/);
  expect(text).not.toContain("data: [DONE]");

  const { flushUsage } = await import("@/lib/usage/record-usage");
  await flushUsage();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ status: number }>(
    `SELECT status FROM usage_event WHERE endpoint = '/v1/chat/completions'`,
  );
  await client.end();
  expect(rows.map((r) => r.status)).toContain(499); // the first test's answer is the 200
}, 60_000);
