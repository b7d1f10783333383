import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedReply, tokenize } from "../support/ollama-sim";
import { query } from "../support/query";
import { seedConversation, userIdOf } from "../support/seed";
import { freshEmail } from "./browser";
import { ChatPage, shownText, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * A reply of an OpenAI-compatible runner cut by a restart is not continued by
 * itself (such a runner may start a new answer instead): it stays
 * "Interrupted" with a Continue button, which finishes the same answer in place.
 */
const MODEL = "llama3.2:3b";
const SHOTS = process.env.SCREENSHOT_DIR ?? "/work/screens/continue";
let env: SimulatedHearth;

beforeAll(async () => {
  env = await startSimulatedHearth("continue");
});

afterAll(() => env?.stop());

it("finishes an interrupted answer in place when Continue is pressed", async () => {
  const { context, page } = await env.newPage();
  const email = freshEmail("continue");
  await signUp(page, { email, name: "Connie Continue" });
  // The first account is the admin: it adds an OpenAI-compatible connection (the simulator's /v1).
  const runner = await page.request.post("/api/admin/runners", {
    data: { name: "lab", kind: "openai", baseUrl: `${env.sim.url}/v1` },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(runner.status()).toBe(201);

  // An answer the last restart cut, as the server leaves it: interrupted, its text kept.
  const model = `lab/${MODEL}`;
  const question = "Explain how a lighthouse works";
  const full = expectedReply(MODEL, [{ role: "user", content: question }]);
  const partial = tokenize(full).slice(0, 9).join("");
  const { chatId, messageIds } = await seedConversation(env.databaseUrl, {
    userId: await userIdOf(env.databaseUrl, email),
    title: "Lighthouses",
    model,
    messages: [
      { role: "user", content: question },
      { role: "assistant", content: partial, status: "interrupted", model },
    ],
  });

  await page.goto(`/c/${chatId}`);
  const chat = new ChatPage(page);
  const answer = chat.message(1);
  await chat.waitStatus(answer, "interrupted");
  expect(await shownText(answer)).toBe(partial);
  await expect.poll(() => answer.getByText("Interrupted", { exact: true }).isVisible()).toBe(true);
  const button = answer.getByRole("button", { name: "Continue" });

  fs.mkdirSync(SHOTS, { recursive: true });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await button.waitFor();
    await page.screenshot({ path: path.join(SHOTS, `interrupted-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: "light" });

  env.sim.setFaults({ tokensPerSecond: 20 });
  await button.click();
  await chat.waitStatus(answer, "streaming", 10_000);
  await chat.waitStatus(answer, "complete");
  expect(await shownText(answer)).toBe(full);
  expect(await answer.getByRole("button", { name: "Continue" }).count()).toBe(0);
  // The same message, not a new branch beside it.
  const [stored] = await query<{ id: string; content: string }>(
    env.databaseUrl,
    `SELECT id, content FROM message WHERE chat_id = $1 AND role = 'assistant'`,
    [chatId],
  );
  expect(stored).toEqual({ id: messageIds[1], content: full });
  await context.close();
});
