import type { Page } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedLongChat } from "../support/seed";
import { cspViolations, freshEmail } from "./browser";
import { ChatPage, expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * A conversation far longer than the screen: it opens at its end with only
 * what is on screen rendered, scrolls back to its first message, follows a new
 * answer, and a search hit far up opens the chat at that message.
 */
const MODEL = "llama3.2:3b";
const SIZE = 400;
let env: SimulatedHearth;

beforeAll(async () => {
  env = await startSimulatedHearth("long-chat");
});

afterAll(() => env?.stop());

async function signUpWithLongChat(page: Page, label: string) {
  await signUp(page, { email: freshEmail(label), name: "Reader" });
  const me = (await (await page.request.get("/api/me")).json()) as { id: string };
  const chatId = await seedLongChat(env.databaseUrl, {
    userId: me.id,
    size: SIZE,
    model: MODEL,
    title: "A very long chat",
  });
  return chatId;
}

const log = (page: Page) => page.getByRole("log", { name: "Conversation" });

/** Whether the (last) element matching `selector` overlaps the conversation's visible area. */
function onScreen(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const element = Array.from(document.querySelectorAll(sel)).at(-1);
    const scroller = document.querySelector("[role=log]")?.parentElement;
    if (!element || !scroller) return false;
    const box = element.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  }, selector);
}

it("opens a long chat at its end, renders only what is near the screen, and scrolls back to the start", async () => {
  const context = await env.browser.newContext({
    baseURL: env.server.base,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const violations = cspViolations(page);
  const chatId = await signUpWithLongChat(page, "long-open");

  await page.goto(`/c/${chatId}`);
  const lastQuestion = log(page).getByText(`Question ${SIZE / 2}:`);
  await lastQuestion.waitFor();
  // At the end: the last answer is on screen, without scrolling.
  await expect.poll(() => onScreen(page, "[role=log] article")).toBe(true);
  // Only a screenful or so is in the page, not 400 messages.
  const rendered = await log(page).getByRole("article").count();
  expect(rendered).toBeGreaterThan(1);
  expect(rendered).toBeLessThan(40);

  // Scrolling to the top reaches the very first question (the earlier messages load behind the scenes).
  await expect
    .poll(
      async () => {
        await page.evaluate(() => {
          const scroller = document.querySelector("[role=log]")!.parentElement!;
          scroller.scrollTop = 0;
        });
        return log(page).getByText("Question 1:", { exact: false }).count();
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);
  expect(await log(page).getByRole("article").count()).toBeLessThan(40);
  // The button brings the reader back to the end.
  await page.getByRole("button", { name: "Scroll to bottom" }).click();
  await expect.poll(() => lastQuestion.count()).toBe(1);

  // A new question at the end of the long chat: its answer streams in and stays in view.
  const chat = new ChatPage(page);
  await chat.send("One more question at the very end");
  const answer = chat.conversation.getByRole("article").last();
  await expect.poll(() => answer.getAttribute("data-status"), { timeout: 30_000 }).toBe("complete");
  expect(await answer.innerText()).not.toBe("");
  await expect
    .poll(() =>
      page.evaluate(() => {
        const scroller = document.querySelector("[role=log]")!.parentElement!;
        return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      }),
    )
    .toBeLessThan(50);
  // Last: switching to dark and back for the scan moves the scroll position.
  await expectAccessibleOnce(page, "long chat");
  expect(violations).toEqual([]);
  await context.close();
});

it("copies a code block and a whole answer to the clipboard, saying so", async () => {
  const context = await env.browser.newContext({
    baseURL: env.server.base,
    viewport: { width: 1280, height: 800 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const chatId = await signUpWithLongChat(page, "long-copy");
  await page.goto(`/c/${chatId}`);
  // Hydrated: the virtual list (with data-index) has replaced the server's HTML, so buttons answer.
  await log(page).locator("[data-index]").first().waitFor();
  // The seeded answers at indexes divisible by 3 carry a TypeScript block; the last such block on screen.
  const block = log(page).locator("pre").last();
  await block.waitFor();
  const code = (await block.innerText()).trim();
  expect(code).toMatch(/^export function step\d+/);
  const copyCode = log(page).getByRole("button", { name: "Copy code" }).last();
  await copyCode.click();
  await expect.poll(() => log(page).getByRole("button", { name: "Copied" }).count()).toBe(1);
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(code);

  const answer = log(page).getByRole("article").last();
  await answer.hover();
  await answer.getByRole("button", { name: "Copy message" }).click();
  // Its button says so ("Copy message" becomes "Copied").
  await expect.poll(() => answer.getByRole("button", { name: "Copy message" }).count()).toBe(0);
  // The answer as written (its Markdown), not the rendered text.
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ content: string }>(
    `SELECT content FROM message WHERE chat_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [chatId],
  );
  await client.end();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(rows[0]!.content);
  await context.close();
});

it("opens a search hit far up in a long chat at the message, marked", async () => {
  const context = await env.browser.newContext({
    baseURL: env.server.base,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const chatId = await signUpWithLongChat(page, "long-search");
  // A word only the fifth question has.
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `UPDATE message SET content = content || ' Zanzibarian lighthouses.' WHERE chat_id = $1 AND content LIKE 'Question 5:%' RETURNING id`,
    [chatId],
  );
  await client.end();
  const messageId = rows[0]!.id;

  await page.goto("/");
  // Hydrated (the composer takes the focus once React runs), so the shortcut is listened for.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
    .toBe("Message Hearth");
  await page.keyboard.press("Control+k");
  const search = page.getByRole("dialog", { name: "Search chats" });
  await search.getByLabel("Search").fill("zanzibarian");
  await expect.poll(() => search.getByRole("option").count(), { timeout: 10_000 }).toBe(1);
  await search.getByLabel("Search").press("Enter");
  await page.waitForURL((url) => url.pathname === `/c/${chatId}`);

  // The fifth question, nearly 400 messages from the end, is on screen and marked for a moment.
  const target = `#message-${messageId}`;
  await expect.poll(() => onScreen(page, target), { timeout: 15_000 }).toBe(true);
  expect(await page.locator(target).innerText()).toContain("Zanzibarian");
  // Its beginning is in view, where reading starts, not only some part of it.
  const top = await page.evaluate((sel) => {
    const view = document.querySelector("[role=log]")!.parentElement!.getBoundingClientRect();
    return document.querySelector(sel)!.getBoundingClientRect().top - view.top;
  }, target);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(200);
  expect(await page.locator(`[data-focused]:has(${target})`).count()).toBe(1);
  // The view stays there: it does not jump back to the end.
  await page.waitForTimeout(1000);
  expect(await onScreen(page, target)).toBe(true);
  await context.close();
});
