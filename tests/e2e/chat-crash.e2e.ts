import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { killGroup, signUpOverHttp, startHearthServer, type HearthServer } from "../support/hearth-server";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase, freePort } from "../support/pg-harness";
import { sseFrames } from "../support/sse";

/**
 * The app process is killed (SIGKILL) in the middle of an answer. After a
 * restart the partial text is there and the answer is marked interrupted.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let databaseUrl: string;
let dataDir: string;
const servers: HearthServer[] = [];

beforeAll(async () => {
  sim = await startOllamaSim();
  databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-crash-"));
});

afterAll(async () => {
  for (const s of servers) killGroup(s.child, "SIGKILL");
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("keeps the partial text of an answer cut off by a crash, marked interrupted", async () => {
  const port = await freePort();
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, OLLAMA_BASE_URL: sim.url, LOG_LEVEL: "warn" };
  const first = await startHearthServer({ env, port });
  servers.push(first);
  const cookie = await signUpOverHttp(first.base, "crash@example.com");
  const headers = { "content-type": "application/json", origin: first.base, cookie };
  const chat = await (
    await fetch(`${first.base}/api/chats`, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: MODEL }),
    })
  ).json();
  sim.setFaults({ tokensPerSecond: 8 });
  const content = "Tell me a long story about a crash";
  const sent = await (
    await fetch(`${first.base}/api/chats/${chat.id}/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ content }),
    })
  ).json();
  const messageId = sent.assistantMessage.id as string;

  // Watch until some text has arrived and had time to be saved (flushes every 0.5 s).
  const res = await fetch(`${first.base}/api/chats/${chat.id}/messages/${messageId}/stream`, {
    headers: { cookie },
  });
  let seen = "";
  for await (const f of sseFrames(res.body!)) {
    if (f.event === "delta") seen += JSON.parse(f.data).content ?? "";
    if (seen.split(" ").length > 6) break;
  }
  await new Promise((r) => setTimeout(r, 1200));
  killGroup(first.child, "SIGKILL");
  await new Promise((r) => first.child.once("exit", r));

  const second = await startHearthServer({ env, port });
  servers.push(second);
  const shown = await (await fetch(`${second.base}/api/chats/${chat.id}`, { headers: { cookie } })).json();
  const answer = shown.messages.find((m: { id: string }) => m.id === messageId);
  expect(answer.status).toBe("interrupted");
  expect(answer.content.length).toBeGreaterThanOrEqual(seen.length);
  expect(expectedReply(MODEL, [{ role: "user", content }]).startsWith(answer.content)).toBe(true);

  // Following it now ends at once with the saved text and the status.
  const again = await fetch(`${second.base}/api/chats/${chat.id}/messages/${messageId}/stream`, {
    headers: { cookie },
  });
  const frames = [];
  for await (const f of sseFrames(again.body!)) frames.push(f);
  expect(frames.at(-1)).toMatchObject({ event: "done" });
  expect(JSON.parse(frames.at(-1)!.data).status).toBe("interrupted");

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM message WHERE status = 'streaming'`);
  await client.end();
  expect(rows[0].n).toBe(0);
});
