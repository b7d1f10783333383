import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type OllamaSim } from "../support/ollama-sim";
import { makePdf } from "../support/pdf";
import { freshEmail } from "./browser";
import { ChatPage, expectAccessibleOnce, shownText, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * What a person does with a conversation beyond sending: switch between
 * versions of an answer with the arrows, edit a question, attach an image and a
 * text file, and share the chat by a link, then revoke it.
 */
const MODEL = "llava:7b";
let sim: OllamaSim;
let browser: Browser;

// The smallest valid PNG: one transparent pixel.
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

let env: SimulatedHearth;

beforeAll(async () => {
  env = await startSimulatedHearth("chat-features");
  ({ sim, browser } = env);
});

afterAll(() => env?.stop());

it("switches between versions of an answer and of an edited question", async () => {
  const { context, page } = await env.newPage();
  const chat = new ChatPage(page);
  await signUp(page, { email: freshEmail("branches"), name: "Bea Branch" });
  await chat.pickModel(MODEL);
  sim.setFaults({ tokensPerSecond: 200 });

  await chat.send("Name a colour");
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  const answer = chat.message(1);
  await chat.waitComplete(answer);
  const first = await shownText(answer);

  // Regenerate: a second version, shown as 2/2.
  await answer.hover();
  await answer.getByRole("button", { name: "Regenerate" }).click();
  await expect.poll(() => answer.getByText("2/2").count(), { timeout: 15_000 }).toBe(1);
  await chat.waitComplete(chat.message(1));
  const second = await shownText(chat.message(1));

  // Back to the first version, and forward again.
  await chat.message(1).getByRole("button", { name: "Previous version" }).click();
  await expect.poll(() => chat.message(1).getByText("1/2").count()).toBe(1);
  await expect.poll(() => shownText(chat.message(1))).toBe(first);
  await chat.message(1).getByRole("button", { name: "Next version" }).click();
  await expect.poll(() => chat.message(1).getByText("2/2").count()).toBe(1);
  await expect.poll(() => shownText(chat.message(1))).toBe(second);

  // Edit the question: a new version of it with its own answer.
  const question = chat.message(0);
  await question.hover();
  await question.getByRole("button", { name: "Edit message" }).click();
  const editBox = question.getByRole("textbox", { name: "Edit message" });
  await editBox.fill("Name a fruit");
  await question.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => chat.message(0).innerText()).toContain("Name a fruit");
  await expect.poll(() => chat.message(0).getByText("2/2").count(), { timeout: 15_000 }).toBe(1);
  await chat.waitComplete(chat.message(1));
  expect((await shownText(chat.message(1))).length).toBeGreaterThan(0);

  // The old question comes back with its answer.
  await chat.message(0).getByRole("button", { name: "Previous version" }).click();
  await expect.poll(() => chat.message(0).innerText()).toContain("Name a colour");
  await expect.poll(() => shownText(chat.message(1))).toBe(second);

  sim.resetFaults();
  await context.close();
});

it("attaches an image, a PDF and a text file, sends them to a vision model, and shares the chat", async () => {
  const { context, page } = await env.newPage();
  const chat = new ChatPage(page);
  await signUp(page, { email: freshEmail("files"), name: "Fay Files" });
  await chat.pickModel(MODEL);
  sim.setFaults({ tokensPerSecond: 200 });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-attach-"));
  const png = path.join(dir, "dot.png");
  const txt = path.join(dir, "notes.txt");
  const pdf = path.join(dir, "invoice.pdf");
  fs.writeFileSync(png, PNG_1X1);
  fs.writeFileSync(txt, "Remember the milk.\n");
  fs.writeFileSync(pdf, makePdf("Invoice total 42 florins"));

  await page.locator('input[type="file"]').setInputFiles([png, txt, pdf]);
  const chips = page.getByRole("list", { name: "Attachments" });
  await expect.poll(() => chips.getByRole("listitem").count()).toBe(3);
  await expect.poll(() => chips.locator("[aria-busy=true]").count(), { timeout: 15_000 }).toBe(0);
  expect(await page.getByRole("button", { name: "Remove dot.png" }).count()).toBe(1);

  const before = sim.requests.length;
  await chat.send("What is in these?");
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  const question = chat.message(0);
  const files = question.getByRole("list", { name: "Attached files" });
  await expect.poll(() => files.getByRole("img", { name: "dot.png" }).count()).toBe(1);
  await expect.poll(() => files.getByRole("link", { name: /notes\.txt/ }).count()).toBe(1);
  await expect.poll(() => files.getByRole("link", { name: /invoice\.pdf/ }).count()).toBe(1);
  await chat.waitComplete(chat.message(1));

  // The model got the picture.
  const chats = sim.requests.slice(before).filter((r) => r.path === "/api/chat");
  const sentImages = chats.flatMap((r) => {
    const body = r.body as { messages?: { images?: string[] }[] };
    return (body.messages ?? []).flatMap((m) => m.images ?? []);
  });
  expect(sentImages.length).toBeGreaterThan(0);
  // Ollama takes images as base64: what arrived is a PNG.
  expect(Buffer.from(sentImages[0]!, "base64").subarray(1, 4).toString()).toBe("PNG");
  // And the documents as text, the PDF's read out of it, each under its name.
  const sentText = JSON.stringify(chats.map((r) => r.body));
  expect(sentText).toContain("Invoice total 42 florins");
  expect(sentText).toContain("invoice.pdf");
  expect(sentText).toContain("Remember the milk.");

  // Share: create a link and read it signed out.
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share chat" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const field = dialog.getByLabel("Share link");
  await expect.poll(() => field.inputValue()).toMatch(/\/share\//);
  const url = await field.inputValue();
  await expectAccessibleOnce(page, "share dialog", { within: '[role="dialog"]' });

  const stranger = await browser.newContext();
  const shared = await stranger.newPage();
  const ok = await shared.goto(url);
  expect(ok?.status()).toBe(200);
  await expect.poll(() => shared.locator("body").innerText()).toContain("What is in these?");
  await expectAccessibleOnce(shared, "shared chat with attachments");

  // Revoke, confirm, and the link is gone.
  await dialog.getByRole("button", { name: "Revoke this link" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect.poll(() => page.getByText("Link revoked").count()).toBe(1);
  const gone = await shared.goto(url);
  expect(gone?.status()).toBe(404);

  await stranger.close();
  fs.rmSync(dir, { recursive: true, force: true });
  sim.resetFaults();
  await context.close();
});
