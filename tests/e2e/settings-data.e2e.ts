import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshEmail } from "./browser";
import { ChatPage, chatTitleOnServer as chatTitle, expectAccessibleOnce, Sidebar, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * A person's path through search, the prompt library and their data: two
 * chats, find one with Ctrl+K and open it, keep a prompt with a {{topic}}
 * (create, edit, delete), export every chat as JSON and import the file back.
 */
const MODEL = "llama3.2:3b";
let env: SimulatedHearth;

beforeAll(async () => {
  env = await startSimulatedHearth("settings-data");
});

afterAll(() => env?.stop());

/** Starts a new chat with `text`, waits for the whole answer; returns the chat's id. */
async function newChat(page: Page, text: string): Promise<string> {
  await page.goto("/");
  const chat = new ChatPage(page);
  await chat.send(text);
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  await chat.message(1).waitFor();
  await chat.waitComplete(chat.message(1));
  return new URL(page.url()).pathname.split("/")[2]!;
}

it("finds a chat, keeps a prompt, and exports and imports every chat", async () => {
  const { context, page } = await env.newPage({ acceptDownloads: true });
  await signUp(page, { email: freshEmail("data"), name: "Dana Data" });
  await new ChatPage(page).pickModel(MODEL);

  // Two chats, each with a word the other does not have.
  const lighthouseChat = await newChat(page, "Tell me about the lighthouse keepers");
  const orchardChat = await newChat(page, "How do I prune an orchard?");
  expect(lighthouseChat).not.toBe(orchardChat);

  // Ctrl+K opens search; a word from the first question finds exactly that chat, the word marked.
  await page.keyboard.press("Control+k");
  const search = page.getByRole("dialog", { name: "Search chats" });
  await search.waitFor();
  await search.getByLabel("Search").fill("lighthou");
  const results = search.getByRole("option");
  await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(1);
  const hit = results.first();
  expect(await hit.innerText()).toContain(await chatTitle(page, lighthouseChat));
  expect((await hit.locator("mark").allInnerTexts()).map((t) => t.toLowerCase())).toContain("lighthouse");
  await expectAccessibleOnce(page, "search dialog with a hit", { within: '[role="dialog"]' });
  await search.getByLabel("Search").press("Enter");
  await page.waitForURL((url) => url.pathname === `/c/${lighthouseChat}`);
  await search.waitFor({ state: "detached" });
  expect(
    await page.getByRole("log", { name: "Conversation" }).getByRole("article").first().innerText(),
  ).toContain("lighthouse keepers");

  // A word nobody wrote: the empty state.
  await page.keyboard.press("Control+k");
  await search.getByLabel("Search").fill("zeppelinxyz");
  // Shown, and announced (the live region holds the same words).
  await search.getByText("No chats match").first().waitFor();
  await page.keyboard.press("Escape");
  await search.waitFor({ state: "detached" });

  // Settings -> Prompts: create a prompt with a {{topic}}, edit it, delete it.
  await page.goto("/settings/prompts");
  await page.getByRole("link", { name: "Prompts" }).waitFor();
  await page.getByRole("button", { name: "New prompt" }).click();
  const create = page.getByRole("dialog", { name: "New prompt" });
  await create.getByLabel("Name").fill("Explain simply");
  await create.getByLabel("Prompt body").fill("Explain {{topic}} to a child.");
  await create.getByText("Variables: topic.", { exact: false }).waitFor();
  await expectAccessibleOnce(page, "new prompt dialog", { within: '[role="dialog"]' });
  await create.getByRole("button", { name: "Create prompt" }).click();
  await create.waitFor({ state: "detached" });
  const list = page.getByRole("list", { name: "Your prompts" });
  await list.getByRole("heading", { name: "Explain simply" }).waitFor();
  expect(await list.innerText()).toContain("topic");
  await expectAccessibleOnce(page, "prompts page with a prompt");

  await page.getByRole("button", { name: "Edit prompt Explain simply" }).click();
  const edit = page.getByRole("dialog", { name: "Edit prompt" });
  expect(await edit.getByLabel("Prompt body").inputValue()).toBe("Explain {{topic}} to a child.");
  await edit.getByLabel("Name").fill("Explain like I'm five");
  await edit.getByRole("button", { name: "Save" }).click();
  await edit.waitFor({ state: "detached" });
  await list.getByRole("heading", { name: "Explain like I'm five" }).waitFor();
  const saved = (await (await page.request.get("/api/prompts")).json()) as {
    data: { name: string; variables: string[] }[];
  };
  expect(saved.data).toEqual([
    expect.objectContaining({ name: "Explain like I'm five", variables: ["topic"] }),
  ]);

  await page.getByRole("button", { name: "Delete prompt Explain like I'm five" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete prompt?" });
  await expectAccessibleOnce(page, "delete prompt dialog", { within: '[role="alertdialog"]' });
  await confirm.getByRole("button", { name: "Delete prompt" }).click();
  await confirm.waitFor({ state: "detached" });
  await page.getByText("No prompts yet").waitFor();

  // Settings -> Data: export every chat as JSON.
  await page.getByRole("link", { name: "Data" }).click();
  await page.waitForURL((url) => url.pathname === "/settings/data");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export as JSON" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const file = path.join(os.tmpdir(), `hearth-export-${process.pid}.json`);
  await download.saveAs(file);
  const exported = fs.readFileSync(file, "utf8");
  expect(exported).toContain("lighthouse keepers");
  expect(exported).toContain("prune an orchard");

  // Import it back: the copies appear in the sidebar next to the originals.
  const sidebar = new Sidebar(page).root;
  const chatLinks = sidebar.locator('a[href^="/c/"]');
  await expect.poll(() => chatLinks.count()).toBe(2);
  await page.getByLabel("Choose a file to import").setInputFiles(file);
  // Said on the page and in a toast.
  await page.getByText("Imported 2 chats", { exact: true }).first().waitFor();
  await expect.poll(() => chatLinks.count(), { timeout: 10_000 }).toBe(4);
  const lighthouseTitle = await chatTitle(page, lighthouseChat);
  await expect.poll(() => sidebar.getByRole("link", { name: lighthouseTitle }).count()).toBe(2);
  await expectAccessibleOnce(page, "data page after an import");

  // Something that is not an export: the server's message is shown.
  const bad = path.join(os.tmpdir(), `hearth-not-an-export-${process.pid}.json`);
  fs.writeFileSync(bad, JSON.stringify({ hello: "world" }));
  await page.getByLabel("Choose a file to import").setInputFiles(bad);
  // Next's route announcer is an alert too: look for the form's.
  await page
    .getByRole("alert")
    .filter({ hasText: /export/i })
    .waitFor();

  await context.close();
});
