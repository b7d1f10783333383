import type { Locator } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedReply, type OllamaSim, type SimMessage } from "../support/ollama-sim";
import { freshEmail } from "./browser";
import { ChatPage, chatTitleOnServer, shownText, Sidebar, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * A person's chat in the browser, against the production server with the
 * Ollama simulator behind it: pick a model, send, watch the answer stream,
 * reload in the middle of one without losing a word, stop one (button and
 * Esc), then find the chat in the sidebar, rename it and delete it.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;

let env: SimulatedHearth;

beforeAll(async () => {
  env = await startSimulatedHearth("chat");
  ({ sim } = env);
});

afterAll(() => env?.stop());

async function statusOf(answer: Locator): Promise<string | null> {
  return answer.getAttribute("data-status");
}

/** Waits until the answer shows at least `min` characters while still streaming. */
async function waitForSomeText(answer: Locator, min = 1) {
  await expect
    .poll(async () => (await shownText(answer)).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(min);
  expect(await statusOf(answer)).toBe("streaming");
}

/** Follows an answer to its end; returns the distinct lengths it showed on the way. */
async function watchToTheEnd(answer: Locator): Promise<number[]> {
  const lengths: number[] = [];
  const deadline = Date.now() + 30_000;
  while ((await statusOf(answer)) === "streaming") {
    if (Date.now() > deadline) throw new Error("the answer did not finish in 30 s");
    const length = (await shownText(answer)).length;
    if (length > 0 && lengths.at(-1) !== length) lengths.push(length);
    await new Promise((r) => setTimeout(r, 50));
  }
  return lengths;
}

it("sends, streams, survives a reload mid-answer, stops, and renames and deletes the chat", async () => {
  const { context, page } = await env.newPage();
  const chat = new ChatPage(page);
  await signUp(page, { email: freshEmail("chat"), name: "Cleo Chat" });

  // Pick the model in the header.
  await chat.pickModel(MODEL);

  // The first message creates the chat and the answer streams in on its page.
  sim.setFaults({ tokensPerSecond: 20 });
  const conversation: SimMessage[] = [];
  const first = "Tell me about the sea";
  await chat.send(first);
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  const chatId = new URL(page.url()).pathname.split("/")[2]!;
  expect(await chat.message(0).innerText()).toContain(first);
  const firstAnswer = chat.message(1);
  await waitForSomeText(firstAnswer);
  const lengths = await watchToTheEnd(firstAnswer);
  // The text grew in steps as it arrived, not all at once at the end.
  expect(lengths.length).toBeGreaterThanOrEqual(3);
  conversation.push({ role: "user", content: first });
  const firstReply = expectedReply(MODEL, conversation);
  expect(await statusOf(firstAnswer)).toBe("complete");
  expect(await shownText(firstAnswer)).toBe(firstReply);
  conversation.push({ role: "assistant", content: firstReply });

  // Reload in the middle of an answer: what was written is there, the rest follows, nothing is lost.
  sim.setFaults({ tokensPerSecond: 10 });
  const second = "Now tell me about the mountains";
  await chat.send(second);
  await waitForSomeText(chat.message(3), 20);
  await page.reload();
  const resumed = chat.message(3);
  await resumed.waitFor();
  expect(await statusOf(resumed)).toBe("streaming");
  const afterReload = await watchToTheEnd(resumed);
  expect(afterReload.length).toBeGreaterThanOrEqual(2);
  conversation.push({ role: "user", content: second });
  const secondReply = expectedReply(MODEL, conversation);
  expect(await statusOf(resumed)).toBe("complete");
  expect(await shownText(resumed)).toBe(secondReply);
  conversation.push({ role: "assistant", content: secondReply });

  // Stop: the button stops the answer at once and keeps what was written.
  sim.setFaults({ tokensPerSecond: 5 });
  const third = "Write something very long";
  await chat.send(third);
  const stopped = chat.message(5);
  await waitForSomeText(stopped);
  await page.getByRole("button", { name: "Stop generating" }).click();
  await sim.waitForIdle(1000);
  await expect.poll(() => statusOf(stopped)).toBe("stopped");
  await stopped.getByText("Stopped", { exact: true }).waitFor();
  conversation.push({ role: "user", content: third });
  expect(expectedReply(MODEL, conversation).startsWith(await shownText(stopped))).toBe(true);
  await page.getByRole("button", { name: "Send message" }).waitFor();

  // Esc stops too.
  await chat.send("And another long one");
  const escaped = chat.message(7);
  await waitForSomeText(escaped);
  await page.keyboard.press("Escape");
  await sim.waitForIdle(1000);
  await expect.poll(() => statusOf(escaped)).toBe("stopped");
  sim.resetFaults();

  // The chat is in the sidebar, marked as the current one.
  const side = new Sidebar(page);
  const sidebar = side.root;
  const item = side.chat(chatId);
  await item.waitFor();
  expect(await item.getByRole("link").getAttribute("aria-current")).toBe("page");

  // Rename it in place.
  await side.openOptions(item);
  await page.getByRole("menuitem", { name: "Rename" }).click();
  const field = sidebar.getByRole("textbox", { name: "Chat title" });
  await field.fill("Sea and mountains");
  await field.press("Enter");
  await sidebar.getByRole("link", { name: "Sea and mountains" }).waitFor();
  await expect.poll(() => chatTitleOnServer(page, chatId)).toBe("Sea and mountains");
  await page.reload();
  await sidebar.getByRole("link", { name: "Sea and mountains" }).waitFor();

  // Delete it, change our mind with Undo: it comes back and still exists.
  const deleteChat = async () => {
    await side.openOptions(item);
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete chat?" });
    expect(await confirm.textContent()).toContain("Sea and mountains");
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    await confirm.waitFor({ state: "detached" });
    await item.waitFor({ state: "detached" });
  };
  await deleteChat();
  // It was the chat on screen: the new-chat screen replaces it.
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("button", { name: "Undo" }).click();
  await item.waitFor();
  expect(await chatTitleOnServer(page, chatId)).toBe("Sea and mountains");

  // Delete it for good: once the undo toast is gone, so is the chat.
  await deleteChat();
  await expect
    .poll(async () => (await page.request.get(`/api/chats/${chatId}`)).status(), { timeout: 15_000 })
    .toBe(404);
  await page.reload();
  await page.getByLabel("Message Hearth").waitFor();
  expect(await sidebar.locator(`a[href="/c/${chatId}"]`).count()).toBe(0);
  await context.close();
}, 180_000);
