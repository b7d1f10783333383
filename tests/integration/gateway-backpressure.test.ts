/**
 * A client that reads slower than the model writes (a slow link, a paused
 * consumer, or a hostile one that never reads) holds the model back: Hearth
 * keeps no more of the answer than its sockets' buffers, instead of reading
 * the whole answer into memory, and nothing is lost once the client reads on.
 */
import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Browser } from "../support/auth-client";
import { fastPathOrigin } from "../support/gateway-client";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { seedKey } from "../support/seed";
import { setupTestApp } from "../support/test-app";

let sim: OllamaSim;
let key: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  await setupTestApp({ OLLAMA_BASE_URL: sim.url });
  const browser = new Browser();
  await browser.signUp("slow-reader@example.com", "a long enough passphrase");
  key = await seedKey({ userId: await browser.id() });
});

afterAll(() => sim?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("a client that stops reading holds the model back, and gets every token once it reads again", async () => {
  // About 30 MB of NDJSON from the model and more as SSE: far more than the sockets between hold.
  const TOKENS = 250_000;
  sim.planReply("a very long answer", Array.from({ length: TOKENS }, (_, i) => `w${i % 1000}`).join(" "));
  const completedBefore = sim.completedGenerations;
  const origin = new URL(await fastPathOrigin());
  const body = JSON.stringify({
    model: "llama3.2:3b",
    stream: true,
    messages: [{ role: "user", content: "a very long answer" }],
  });

  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
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
