import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase, freePort } from "../support/pg-harness";

/**
 * The gateway through the real server stack: two production processes on one
 * database, the Ollama simulator behind them, the official SDK in front.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
const servers: ChildProcess[] = [];
const bases: string[] = [];
let key: string;
let burstKey: string;
let dataDir: string;

async function startServer(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      OLLAMA_BASE_URL: sim.url,
      RATE_LIMIT_REQUESTS: "10",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
    detached: true,
  });
  servers.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return base;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

beforeAll(async () => {
  sim = await startOllamaSim();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-gw-e2e-"));
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  // One boots first and migrates; the second finds the schema in place.
  bases.push(await startServer(databaseUrl));
  bases.push(await startServer(databaseUrl));
  const base = bases[0]!;
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: "gateway@example.com", password: "a long enough passphrase", name: "G" }),
  });
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const newKey = async (name: string) => {
    const created = await fetch(`${base}/api/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: JSON.stringify({ name }),
    });
    return (await created.json()).key as string;
  };
  key = await newKey("e2e");
  burstKey = await newKey("burst");
});

afterAll(async () => {
  for (const s of servers) if (s.pid && s.exitCode === null) process.kill(-s.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  for (const s of servers) if (s.pid && s.exitCode === null) process.kill(-s.pid, "SIGKILL");
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
