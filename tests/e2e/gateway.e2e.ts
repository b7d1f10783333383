import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createKeyOverHttp,
  signUpOverHttp,
  startHearthServer,
  type HearthServer,
} from "../support/hearth-server";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase } from "../support/pg-harness";

/**
 * The gateway through the real server stack: two production processes on one
 * database, the Ollama simulator behind them, the official SDK in front.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
const servers: HearthServer[] = [];
const bases: string[] = [];
let key: string;
let burstKey: string;
let dataDir: string;

beforeAll(async () => {
  sim = await startOllamaSim();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-gw-e2e-"));
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    OLLAMA_BASE_URL: sim.url,
    RATE_LIMIT_REQUESTS: "10",
    LOG_LEVEL: "warn",
  };
  // One boots first and migrates; the second finds the schema in place.
  for (let i = 0; i < 2; i++) servers.push(await startHearthServer({ env }));
  bases.push(...servers.map((s) => s.base));
  const cookie = await signUpOverHttp(bases[0]!, "gateway@example.com");
  key = await createKeyOverHttp(bases[0]!, cookie, "e2e");
  burstKey = await createKeyOverHttp(bases[0]!, cookie, "burst");
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
describe("the gateway in production", () => {
  it("streams through Next.js without buffering", async () => {
    sim.setFaults({ tokensPerSecond: 10 });
    const client = new OpenAI({ apiKey: key, baseURL: `${bases[0]}/v1`, maxRetries: 0 });
    const messages = [{ role: "user" as const, content: "Tell me slowly" }];
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true });
    const arrivals: number[] = [];
    let text = "";
    for await (const c of stream) {
      const piece = c.choices[0]?.delta.content;
      if (piece) {
        arrivals.push(performance.now());
        text += piece;
      }
    }
    sim.resetFaults();
    expect(text).toBe(expectedReply(MODEL, messages));
    // At 10 tokens/s the pieces must arrive spread out, not all at the end.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(1000);
  });

  it("counts one rate limit across two app processes: exactly 10 of 100 pass", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${bases[i % 2]}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${burstKey}`, "content-type": "application/json" },
          body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: `n${i}` }] }),
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((s) => s === 429)).toHaveLength(90);
  });
});
