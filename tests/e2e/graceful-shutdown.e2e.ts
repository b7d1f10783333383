import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import {
  createKeyOverHttp,
  killGroup,
  signUpOverHttp,
  startHearthServer,
  type HearthServer,
} from "../support/hearth-server";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase } from "../support/pg-harness";
import { query } from "../support/query";
import { sseFrames } from "../support/sse";

/**
 * SIGTERM, as `docker compose stop` or an upgrade sends it, to the real
 * production server: it stops taking work, lets answers under way finish
 * within SHUTDOWN_GRACE_SECONDS, saves the rest as interrupted (the next
 * start continues them), and exits 0.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let databaseUrl: string;
let dataDir: string;
const servers: HearthServer[] = [];

beforeAll(async () => {
  sim = await startOllamaSim();
  databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-drain-"));
});

afterEach(() => sim.resetFaults());

afterAll(async () => {
  for (const s of servers) killGroup(s.child, "SIGKILL");
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(graceSeconds: number, port?: number) {
  const server = await startHearthServer({
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      OLLAMA_BASE_URL: sim.url,
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
    },
    port,
  });
  servers.push(server);
  return server;
}

function exitOf(server: HearthServer): Promise<{ code: number | null; signal: string | null }> {
  if (server.child.exitCode !== null) return Promise.resolve({ code: server.child.exitCode, signal: null });
  return new Promise((resolve) => server.child.once("exit", (code, signal) => resolve({ code, signal })));
}

let signedUp: { cookie: string; key: string } | undefined;
async function account(base: string) {
  if (!signedUp) {
    const cookie = await signUpOverHttp(base, "drain@example.com");
    signedUp = { cookie, key: await createKeyOverHttp(base, cookie, "drain") };
  }
  return signedUp;
}

it("lets a /v1 stream under way finish, answers health 503 'draining', refuses new connections, exits 0", async () => {
  const server = await start(20);
  const { key } = await account(server.base);
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  sim.setFaults({ tokensPerSecond: 15 });
  const question = "Describe a calm lake at dawn";
  const body = JSON.stringify({
    model: MODEL,
    stream: true,
    messages: [{ role: "user", content: question }],
  });

  // A stream read through fetch, and on a raw kept-alive connection a second one with a
  // health check queued behind it: that check is answered during the drain.
  const res = await fetch(`${server.base}/v1/chat/completions`, { method: "POST", headers, body });
  expect(res.status).toBe(200);
  const port = Number(new URL(server.base).port);
  const raw = net.connect(port, "127.0.0.1");
  let rawText = "";
  raw.on("data", (d) => (rawText += d));
  const rawClosed = new Promise((r) => raw.on("close", r));
  raw.write(
    `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );

  let text = "";
  let signalled = false;
  let refusedDuringDrain = false;
  const started = Date.now();
  for await (const f of sseFrames(res.body!)) {
    if (f.data === "[DONE]") break;
    text += JSON.parse(f.data).choices[0]?.delta?.content ?? "";
    if (!signalled && text.split(" ").length > 4) {
      signalled = true;
      server.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      raw.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
      // A new connection finds the port closed: a proxy or a healthcheck sees it is gone.
      refusedDuringDrain = await fetch(`${server.base}/api/health`).then(
        () => false,
        () => true,
      );
    }
  }
  expect(signalled).toBe(true);
  expect(text).toBe(expectedReply(MODEL, [{ role: "user", content: question }]));
  expect(refusedDuringDrain).toBe(true);

  await rawClosed;
  const healthAt = rawText.lastIndexOf("HTTP/1.1 ");
  expect(rawText.slice(0, 12)).toBe("HTTP/1.1 200");
  expect(rawText.slice(healthAt, healthAt + 12)).toBe("HTTP/1.1 503");
  expect(rawText.slice(healthAt)).toMatch(/connection: close/i);
  expect(rawText.slice(healthAt)).toContain('{"status":"draining"}');

  expect(await exitOf(server)).toEqual({ code: 0, signal: null });
  // It left as soon as the streams were done, not at the end of the grace.
  expect(Date.now() - started).toBeLessThan(15_000);
});

it("saves a reply longer than the grace as interrupted with its text, exits 0, and the next start finishes it", async () => {
  const server = await start(2);
  const port = Number(new URL(server.base).port);
  const { cookie } = await account(server.base);
  const headers = { "content-type": "application/json", origin: server.base, cookie };
  const chat = await (
    await fetch(`${server.base}/api/chats`, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: MODEL }),
    })
  ).json();
  sim.setFaults({ tokensPerSecond: 4 });
  const question = "Tell me a long story about an upgrade";
  const sent = await (
    await fetch(`${server.base}/api/chats/${chat.id}/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ content: question }),
    })
  ).json();
  const replyId = sent.assistantMessage.id as string;
  await new Promise((r) => setTimeout(r, 1500));

  const signalledAt = Date.now();
  server.child.kill("SIGTERM");
  expect(await exitOf(server)).toEqual({ code: 0, signal: null });
  // The grace (2 s) and the save, well within compose's stop timeout.
  expect(Date.now() - signalledAt).toBeLessThan(8_000);

  const full = expectedReply(MODEL, [{ role: "user", content: question }]);
  const [saved] = await query<{ status: string; content: string; owner: string | null }>(
    databaseUrl,
    `SELECT status, content, owner FROM message WHERE id = $1`,
    [replyId],
  );
  expect(saved!.status).toBe("interrupted");
  expect(saved!.owner).toBeNull();
  expect(saved!.content.length).toBeGreaterThan(0);
  expect(saved!.content.length).toBeLessThan(full.length);
  expect(full.startsWith(saved!.content)).toBe(true);

  // The upgraded server comes up and the answer goes on to its end, no word twice.
  sim.setFaults({ tokensPerSecond: 50 });
  const next = await start(2, port);
  const watched = await fetch(`${next.base}/api/chats/${chat.id}/messages/${replyId}/stream`, {
    headers: { cookie, "last-event-id": `0,${saved!.content.length}` },
  });
  let rest = "";
  let done: { status: string } | undefined;
  for await (const f of sseFrames(watched.body!)) {
    if (f.event === "delta") rest += JSON.parse(f.data).content ?? "";
    if (f.event === "done") done = JSON.parse(f.data);
  }
  expect(done?.status).toBe("complete");
  expect(saved!.content + rest).toBe(full);
  const [finished] = await query<{ status: string; content: string }>(
    databaseUrl,
    `SELECT status, content FROM message WHERE id = $1`,
    [replyId],
  );
  expect(finished).toEqual({ status: "complete", content: full });
  await next.stop();
});

it("cuts the drain short on a second SIGTERM, still saving the reply and exiting 0", async () => {
  const server = await start(60);
  const { cookie } = await account(server.base);
  const headers = { "content-type": "application/json", origin: server.base, cookie };
  const chat = await (
    await fetch(`${server.base}/api/chats`, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: MODEL }),
    })
  ).json();
  sim.setFaults({ tokensPerSecond: 2 });
  const question = "Tell me a very slow story";
  const sent = await (
    await fetch(`${server.base}/api/chats/${chat.id}/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ content: question }),
    })
  ).json();
  await new Promise((r) => setTimeout(r, 1500));

  const signalledAt = Date.now();
  server.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  server.child.kill("SIGTERM");
  expect(await exitOf(server)).toEqual({ code: 0, signal: null });
  // Not the 60 s grace: the second signal ends the wait.
  expect(Date.now() - signalledAt).toBeLessThan(10_000);
  const [saved] = await query<{ status: string; content: string }>(
    databaseUrl,
    `SELECT status, content FROM message WHERE id = $1`,
    [sent.assistantMessage.id],
  );
  expect(saved!.status).toBe("interrupted");
  expect(saved!.content.length).toBeGreaterThan(0);
  expect(expectedReply(MODEL, [{ role: "user", content: question }]).startsWith(saved!.content)).toBe(true);
});
