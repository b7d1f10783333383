import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OllamaSim } from "../support/ollama-sim";
import { cspViolations, freshEmail } from "./browser";
import { ChatPage, expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";
import { expectNoScriptRan, watchForScript, XSS } from "./xss-corpus";

/**
 * The XSS corpus in a person's chat: typed as the question, and coming back
 * from the model as the answer (the simulator is told to reply with it).
 * Nothing runs in the chat view, and the chat's export is a download, not a page.
 */
const MODEL = "llama3.2:3b";
const ANSWER = `Here is **bold** and a [safe link](https://example.com).\n\n${XSS}`;
const MATH_QUESTION = "Show me some math";
const MATH_ANSWER = [
  "Euler's identity, inline: $e^{i\\pi} + 1 = 0$, and a sum as a block:",
  "$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$",
  "A root and a matrix: $\\sqrt{x^2 + y^2}$ and $\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}$.",
  "And TeX that asks for too much: $\\href{javascript:window.__xss='tex'}{a link}$ $\\htmlData{x=1}{data}$",
].join("\n\n");

/** Screenshots for a person to look at, when HEARTH_SHOTS names a folder. */
const SHOTS = process.env.HEARTH_SHOTS;

let env: SimulatedHearth;
let sim: OllamaSim;

beforeAll(async () => {
  env = await startSimulatedHearth("xss");
  ({ sim } = env);
  sim.planReply(XSS, ANSWER);
  sim.planReply(MATH_QUESTION, MATH_ANSWER);
});

afterAll(() => env?.stop());

async function openChat(colorScheme: "light" | "dark"): Promise<{
  context: BrowserContext;
  page: Page;
  watched: { dialogs: string[] };
  violations: string[];
}> {
  const { context, page } = await env.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const violations = cspViolations(page);
  const watched = await watchForScript(page);
  await signUp(page, { email: freshEmail("xss"), name: "Mallory Markup" });
  await new ChatPage(page).pickModel(MODEL);
  return { context, page, watched, violations };
}

/** Sends `text` as a new chat's first message, waits for the whole answer; returns the conversation. */
async function ask(page: Page, text: string): Promise<Locator> {
  const chat = new ChatPage(page);
  await chat.send(text);
  await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
  await chat.waitComplete(chat.message(1));
  return chat.conversation;
}

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
}

describe("the XSS corpus in the chat", () => {
  it("runs nothing as the question or as the streamed answer, nor after a reload, and exports as downloads", async () => {
    const { context, page, watched, violations } = await openChat("light");
    const conversation = await ask(page, XSS);
    const [question, answer] = [
      conversation.getByRole("article").nth(0),
      conversation.getByRole("article").nth(1),
    ];
    // The question is shown as the text that was typed, tags and all.
    expect(await question.innerText()).toContain(`<img src=x onerror="window.__xss='img'">`);
    // The answer is Markdown: formatting works, the hostile parts do not.
    await answer.getByText("bold", { exact: true }).waitFor();
    expect(await answer.getByRole("link", { name: "safe link" }).getAttribute("href")).toBe(
      "https://example.com",
    );
    await expectNoScriptRan(page, conversation, watched, violations);
    await answer.scrollIntoViewIfNeeded();
    await shoot(page, "xss-chat-light.png");

    // Loaded from the server rather than streamed, it is just as inert.
    await page.reload();
    await conversation.getByRole("article").nth(1).getByText("bold", { exact: true }).waitFor();
    await expectNoScriptRan(page, conversation, watched, violations);

    // Each export of the chat is an attachment the browser saves, never a page it renders.
    const chatId = new URL(page.url()).pathname.split("/")[2]!;
    for (const [format, type] of [
      ["markdown", "text/markdown"],
      ["json", "application/json"],
      ["csv", "text/csv"],
    ] as const) {
      const url = `/api/chats/${chatId}/export?format=${format}`;
      const res = await page.request.get(url);
      expect(res.status()).toBe(200);
      const headers = res.headers();
      expect(headers["content-type"]).toMatch(new RegExp(`^${type};`));
      expect(headers["content-disposition"]).toMatch(
        /^attachment; filename="hearth-[a-z0-9-]+\.(md|json|csv)"$/,
      );
      expect(headers["x-content-type-options"]).toBe("nosniff");
      // The payloads are in the file as the text they were.
      expect(await res.text()).toContain(
        format === "json" ? "onerror=\\\"window.__xss='img'\\\"" : "onerror=",
      );

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.goto(url).catch(() => null), // a download aborts the navigation
      ]);
      expect(download.suggestedFilename()).toMatch(/^hearth-.*\.(md|json|csv)$/);
      await download.cancel();
    }
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(watched.dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("typesets math in light and dark, inside the CSP, with hostile TeX left inert", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { context, page, watched, violations } = await openChat(scheme);
      const conversation = await ask(page, MATH_QUESTION);
      const answer = conversation.getByRole("article").nth(1);
      await answer.locator(".katex").first().waitFor();
      expect(await answer.locator(".katex-display").count()).toBe(1);
      expect(await answer.locator(".katex").count()).toBe(6);
      expect(await answer.innerText()).not.toContain("$$");
      // KaTeX's own fonts, served by Hearth itself, are in use.
      await expect
        .poll(() => page.evaluate(() => document.fonts.check("16px KaTeX_Main")), { timeout: 10_000 })
        .toBe(true);
      const fontUrls = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((n) => /KaTeX_.*\.woff2/.test(n)),
      );
      expect(fontUrls.length).toBeGreaterThan(0);
      for (const url of fontUrls) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
      // The refused commands show as red text.
      expect(await answer.getByText("\\href", { exact: true }).count()).toBeGreaterThan(0);
      await expectNoScriptRan(page, conversation, watched, violations);
      await expectAccessibleOnce(page, "chat with math");
      await shoot(page, `math-chat-${scheme}.png`);
      if (scheme === "dark") {
        // The corpus in dark, for the eye.
        const conversation2 = await (async () => {
          await page.goto("/");
          return ask(page, XSS);
        })();
        await expectNoScriptRan(page, conversation2, watched, violations);
        await conversation2.getByRole("article").nth(1).scrollIntoViewIfNeeded();
        await shoot(page, "xss-chat-dark.png");
      }
      await context.close();
    }
  });
});
