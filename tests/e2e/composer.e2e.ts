import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type OllamaSim } from "../support/ollama-sim";
import { cspViolations, freshEmail } from "./browser";
import { ChatPage, expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * The composer and what sits around it: the "/" prompt picker (choose with
 * the keyboard or a click, fill a prompt's variables, edit, send), Esc
 * closing the list without stopping an answer, a chat's own system prompt and
 * temperature, and the model menu saying what each model can do.
 */
const MODEL = "llama3.2:3b";
let sim: OllamaSim;
let env: SimulatedHearth;

beforeAll(async () => {
  env = await startSimulatedHearth("composer");
  ({ sim } = env);
});

afterAll(() => env?.stop());

async function createPrompt(page: Page, name: string, body: string) {
  await page.getByRole("button", { name: "New prompt" }).click();
  const dialog = page.getByRole("dialog", { name: "New prompt" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Prompt body").fill(body);
  await dialog.getByRole("button", { name: "Create prompt" }).click();
  await dialog.waitFor({ state: "detached" });
}

/** The bodies Ollama received for chat answers whose last message is `content`. */
function receivedFor(content: string) {
  return sim.requests
    .filter((r) => r.method === "POST" && r.path === "/api/chat")
    .map(
      (r) => r.body as { messages: { role: string; content: string }[]; options?: { temperature?: number } },
    )
    .filter((body) => body.messages.at(-1)?.content === content);
}

it("picks a prompt with /, fills its variable, and sends the edited text", async () => {
  const { context, page } = await env.newPage();
  const chat = new ChatPage(page);
  const violations = cspViolations(page);
  await signUp(page, { email: freshEmail("slash"), name: "Sam Slash" });
  const box = page.getByRole("textbox", { name: "Message Hearth" });
  const list = page.getByRole("listbox", { name: "Prompts" });

  // No prompts yet: the list says so and leads to where they are made.
  await box.click();
  await page.keyboard.type("/");
  // An empty listbox has no size: it is there, and the words under it say why.
  await list.waitFor({ state: "attached" });
  // The box points screen readers at the open list.
  expect(await box.getAttribute("aria-controls")).toBe(await list.getAttribute("id"));
  await page.getByText("No prompts yet").waitFor();
  await page.getByRole("link", { name: "Create one in Settings → Prompts" }).click();
  await page.waitForURL((url) => url.pathname === "/settings/prompts");
  await createPrompt(page, "Explain simply", "Explain {{topic}} to a child.");
  await page.getByRole("button", { name: "New prompt" }).waitFor();
  await createPrompt(page, "Summarise", "Summarise this in three bullet points:");

  await page.goto("/");
  await chat.pickModel(MODEL);
  await box.click();
  await page.keyboard.type("/s");
  // Both names hold an "s"; the one starting with it comes first, highlighted.
  const options = list.getByRole("option");
  await expect
    .poll(() => options.allInnerTexts())
    .toEqual([expect.stringContaining("Summarise"), expect.stringContaining("Explain simply")]);
  const first = await options.nth(0).getAttribute("id");
  expect(await box.getAttribute("aria-activedescendant")).toBe(first);
  expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");

  // Down to "Explain simply", and Enter asks for its variable instead of sending.
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => options.nth(1).getAttribute("aria-selected")).toBe("true");
  expect(await box.getAttribute("aria-activedescendant")).toBe(await options.nth(1).getAttribute("id"));
  await page.keyboard.press("Enter");
  const fill = page.getByRole("dialog", { name: "Fill in the prompt" });
  await fill.getByLabel("topic").fill("tides");
  await expectAccessibleOnce(page, "prompt variables dialog", { within: '[role="dialog"]' });
  await page.keyboard.press("Enter");
  await fill.waitFor({ state: "detached" });

  // The filled text replaces "/s", focused with the caret at the end, and is not sent yet.
  await expect.poll(() => box.inputValue()).toBe("Explain tides to a child.");
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await box.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([
    25, 25,
  ]);
  expect(await list.count()).toBe(0);
  expect(new URL(page.url()).pathname).toBe("/");

  // Edit it, then send.
  await page.keyboard.type(" Use one example.");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  await expect
    .poll(() => chat.message(0).innerText())
    .toContain("Explain tides to a child. Use one example.");
  await chat.waitStatus(chat.message(1), "complete");
  expect(receivedFor("Explain tides to a child. Use one example.")).toHaveLength(1);

  // Nothing matches: the list says so, and Esc closes it, keeping the text.
  await box.click();
  await page.keyboard.type("/zzz");
  await page.getByText("No prompts match").waitFor();
  await page.keyboard.press("Escape");
  await list.waitFor({ state: "detached" });
  expect(await box.inputValue()).toBe("/zzz");
  expect(await box.getAttribute("aria-controls")).toBeNull();

  // A prompt without variables goes straight in, by a click or by Tab.
  await box.fill("");
  await page.keyboard.type("/sum");
  await list.getByRole("option", { name: /Summarise/ }).click();
  await expect.poll(() => box.inputValue()).toBe("Summarise this in three bullet points:");
  expect(await page.getByRole("dialog").count()).toBe(0);
  await box.fill("");
  await page.keyboard.type("/SUM");
  await page.keyboard.press("Tab");
  await expect.poll(() => box.inputValue()).toBe("Summarise this in three bullet points:");
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);

  expect(violations).toEqual([]);
  await context.close();
});

it("closes the list with Esc without stopping the answer being written", async () => {
  const { context, page } = await env.newPage();
  const chat = new ChatPage(page);
  const violations = cspViolations(page);
  await signUp(page, { email: freshEmail("esc"), name: "Esme Escape" });
  await chat.pickModel(MODEL);
  sim.setFaults({ tokensPerSecond: 8 });
  const box = page.getByRole("textbox", { name: "Message Hearth" });
  await box.fill("Tell me a long story");
  await box.press("Enter");
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  const answer = chat.message(1);
  await chat.waitStatus(answer, "streaming");

  await box.click();
  await page.keyboard.type("/");
  const list = page.getByRole("listbox", { name: "Prompts" });
  await page.getByText("No prompts yet").waitFor();
  await page.keyboard.press("Escape");
  await list.waitFor({ state: "detached" });
  // Still writing; a second Esc, with the list gone, is the one that stops.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await answer.getAttribute("data-status")).toBe("streaming");
  expect(await page.getByRole("button", { name: "Stop generating" }).count()).toBe(1);
  await page.keyboard.press("Escape");
  await chat.waitStatus(answer, "stopped");

  sim.resetFaults();
  expect(violations).toEqual([]);
  await context.close();
});

it("saves a chat's system prompt and temperature, which survive a reload and reach the model", async () => {
  const { context, page } = await env.newPage();
  const chat = new ChatPage(page);
  const violations = cspViolations(page);
  await signUp(page, { email: freshEmail("settings"), name: "Cal Settings" });
  await chat.pickModel(MODEL);
  const box = page.getByRole("textbox", { name: "Message Hearth" });
  await box.fill("Hello");
  await box.press("Enter");
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  await chat.waitStatus(chat.message(1), "complete");

  const openSettings = async () => {
    await page.getByRole("button", { name: "Chat options" }).click();
    await page.getByRole("menuitem", { name: "Chat settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Chat settings" });
    await dialog.getByLabel("System prompt").waitFor();
    return dialog;
  };

  let dialog = await openSettings();
  await expectAccessibleOnce(page, "chat settings dialog", { within: '[role="dialog"]' });
  expect(await dialog.getByLabel("System prompt").inputValue()).toBe("");
  expect(await dialog.getByRole("checkbox", { name: "Model default" }).isChecked()).toBe(true);
  await dialog.getByLabel("System prompt").fill("Answer like a pirate.");
  await dialog.getByRole("checkbox", { name: "Model default" }).uncheck();
  const value = dialog.getByRole("spinbutton", { name: "Temperature value" });

  // Out of range: a clear message, and nothing typed is lost.
  await value.fill("5");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.getByRole("alert").getByText("Temperature must be a number from 0 to 2.").waitFor();
  expect(await dialog.getByLabel("System prompt").inputValue()).toBe("Answer like a pirate.");

  // The server cannot be reached: an error toast, and the dialog stays as it was.
  await page.route("**/api/chats/*", (route) =>
    route.request().method() === "PATCH" ? route.abort() : route.continue(),
  );
  await value.fill("0.3");
  await dialog.getByRole("button", { name: "Save" }).click();
  await page.getByText(/Could not save the chat settings/).waitFor();
  expect(await dialog.getByLabel("System prompt").inputValue()).toBe("Answer like a pirate.");
  await page.unrouteAll();

  // The slider moves with the number, and the other way round.
  expect(await dialog.getByRole("slider", { name: "Temperature" }).inputValue()).toBe("0.3");
  await dialog.getByRole("button", { name: "Save" }).click();
  await page.getByText("Chat settings saved").waitFor();
  await dialog.waitFor({ state: "detached" });

  await page.reload();
  dialog = await openSettings();
  expect(await dialog.getByLabel("System prompt").inputValue()).toBe("Answer like a pirate.");
  expect(await dialog.getByRole("checkbox", { name: "Model default" }).isChecked()).toBe(false);
  expect(await dialog.getByRole("spinbutton", { name: "Temperature value" }).inputValue()).toBe("0.3");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  // Focus goes back to the menu's button.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
    .toBe("Chat options");

  await box.fill("Where is the treasure?");
  await box.press("Enter");
  await chat.waitStatus(chat.message(3), "complete");
  const [sent] = receivedFor("Where is the treasure?");
  expect(sent?.messages[0]).toEqual({ role: "system", content: "Answer like a pirate." });
  expect(sent?.options?.temperature).toBeCloseTo(0.3, 5);

  expect(violations).toEqual([]);
  await context.close();
});

it("shows what each model can do in the model menu", async () => {
  const { context, page } = await env.newPage();
  const violations = cspViolations(page);
  await signUp(page, { email: freshEmail("models"), name: "Mo Models" });
  await page.getByRole("button", { name: /^Model:/ }).click();
  const item = (name: string) => page.getByRole("menuitemradio", { name });
  const badges = async (name: string) =>
    item(name)
      .getByRole("img")
      .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await item("llava:7b").waitFor();
  await expectAccessibleOnce(page, "model menu", { within: '[role="menu"]' });
  expect(await badges("llava:7b")).toEqual(["Vision"]);
  expect(await badges("qwen3:0.6b")).toEqual(["Tools", "Thinking"]);
  expect(await badges("llama3.2:3b")).toEqual(["Tools"]);
  // Embedding models are not in the menu at all.
  expect(await item("nomic-embed-text").count()).toBe(0);

  // Pointing at an icon explains it.
  await item("llava:7b").getByRole("img", { name: "Vision" }).hover();
  await page.getByRole("tooltip", { name: "Vision: understands images" }).waitFor();

  expect(violations).toEqual([]);
  await context.close();
});
