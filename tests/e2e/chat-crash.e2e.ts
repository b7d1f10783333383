import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { killGroup, startHearthServer, type HearthServer } from "../support/hearth-server";
import { expectedReply, startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase, freePort } from "../support/pg-harness";
import { query } from "../support/query";
import { freshEmail, launchBrowser } from "./browser";
import { ChatPage, shownText, signUp } from "./pages";

/**
 * The app process is killed (SIGKILL) in the middle of an answer a browser
 * is watching. Started again on the same database, it continues the answer
 * from the text saved before the crash: the browser sees the text go on, and
 * the stored reply is the whole answer, the seam without a word twice.
 */
const MODEL = "llama3.2:3b";
type ChatBody = { messages: { role: string; content: string }[] };
let sim: OllamaSim;
let databaseUrl: string;
let dataDir: string;
let browser: Browser;
const servers: HearthServer[] = [];

beforeAll(async () => {
  sim = await startOllamaSim();
  databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-crash-"));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) killGroup(s.child, "SIGKILL");
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("continues an answer cut off by a crash after the restart, and the watching browser sees it finish", async () => {
  const port = await freePort();
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, OLLAMA_BASE_URL: sim.url, LOG_LEVEL: "warn" };
  const first = await startHearthServer({ env, port });
  servers.push(first);

  const context = await browser.newContext({
    baseURL: first.base.replace("127.0.0.1", "localhost"),
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const chat = new ChatPage(page);
  await signUp(page, { email: freshEmail("crash"), name: "Casey Crash" });
  await chat.pickModel(MODEL);

  sim.setFaults({ tokensPerSecond: 8 });
  const question = "Tell me a long story about a crash";
  await chat.send(question);
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  const answer = chat.message(1);
  await expect
    .poll(async () => (await shownText(answer)).split(" ").length, { timeout: 15_000 })
    .toBeGreaterThan(6);
  // Time for the text so far to be saved (the row is written every 0.5 s).
  await new Promise((r) => setTimeout(r, 1200));
  const seenBeforeCrash = await shownText(answer);

  killGroup(first.child, "SIGKILL");
  await new Promise((r) => first.child.once("exit", r));
  const [cut] = await query<{ id: string; status: string; content: string }>(
    databaseUrl,
    `SELECT id, status, content FROM message WHERE role = 'assistant'`,
  );
  expect(cut!.status).toBe("streaming"); // nobody could mark it: the process died
  expect(cut!.content.length).toBeGreaterThan(0);

  // The new process continues it; the page, still open, reconnects and follows it to the end.
  sim.setFaults({ tokensPerSecond: 30 });
  const second = await startHearthServer({ env, port });
  servers.push(second);
  await chat.waitStatus(answer, "complete", 60_000);
  const full = expectedReply(MODEL, [{ role: "user", content: question }]);
  expect(await shownText(answer)).toBe(full);
  expect(full.startsWith(seenBeforeCrash)).toBe(true);
  expect(full.length).toBeGreaterThan(cut!.content.length);

  const [stored] = await query<{ status: string; content: string; resume_count: number }>(
    databaseUrl,
    `SELECT status, content, resume_count FROM message WHERE id = $1`,
    [cut!.id],
  );
  expect(stored).toEqual({ status: "complete", content: full, resume_count: 1 });
  // What the model was asked after the restart: the question, then the saved text to go on with.
  const chats = sim.requests.filter((r) => r.path === "/api/chat").map((r) => r.body as ChatBody);
  const resumed = chats.filter((b) => b.messages.at(-1)?.role === "assistant");
  expect(resumed).toHaveLength(1);
  expect(resumed[0]!.messages.slice(-2)).toMatchObject([
    { role: "user", content: question },
    { role: "assistant", content: cut!.content },
  ]);

  // A reload shows the same whole answer.
  await page.reload();
  await chat.waitStatus(chat.message(1), "complete");
  expect(await shownText(chat.message(1))).toBe(full);
  await context.close();
}, 180_000); // two boots of the production server on a shared, busy machine
