/**
 * The embeddable chat as a site owner and their visitors meet it: an embed
 * made in Settings → Embeds, a plain page on another origin that loads
 * /widget.js, a visitor chatting, reloading and finding the conversation; the
 * same page on an origin the embed does not allow gets no frame and a 403.
 * SCREENSHOT_DIR=/some/dir saves the settings page, the embed page light and
 * dark, and the widget open on a 375 px phone.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Frame, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedReply } from "../support/ollama-sim";
import { expectAccessibleOnce } from "./pages";
import { startSimulatedHearth, signUpInBrowser, type SimulatedHearth } from "./simulated-hearth";

const SCREENS = process.env.SCREENSHOT_DIR;
const MODEL = "llama3.2:3b";
let hearth: SimulatedHearth;
/** Hearth as the visitors' browsers reach it. */
let hearthBase: string;
let allowedSite: http.Server;
let otherSite: http.Server;
let allowedOrigin: string;
let otherOrigin: string;
let key = "";
let embedPath = "";

/** A shop's page: long enough to scroll, with the widget's one line of HTML at the end. */
function sitePage(): string {
  const filler = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i + 1} of our catalogue.</p>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A shop</title>
<style>body{font-family:serif;margin:0 auto;max-width:40rem;padding:1rem}</style></head>
<body><h1>A shop</h1>${filler}
<script src="${hearthBase}/widget.js" data-hearth-key="${key}" data-position="bottom-right" async></script>
</body></html>`;
}

/** A static site of its own on a loopback port, reached as 127.0.0.1: another site than Hearth's localhost. */
async function startSite(): Promise<[http.Server, string]> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(sitePage());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

async function shot(page: Page, name: string) {
  if (!SCREENS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

const launcher = (page: Page) =>
  page.locator("[data-hearth-widget]").getByRole("button", { name: "Chat with us" });
const chatFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Chat with us"]');

beforeAll(async () => {
  hearth = await startSimulatedHearth("embeds");
  hearthBase = hearth.server.base.replace("127.0.0.1", "localhost");
  [allowedSite, allowedOrigin] = await startSite();
  [otherSite, otherOrigin] = await startSite();
}, 120_000);

afterAll(async () => {
  allowedSite?.close();
  otherSite?.close();
  await hearth?.stop();
});

describe("an embed", () => {
  it("is made in Settings → Embeds, with the snippet and its publishable key", async () => {
    const { context, page } = await hearth.newPage();
    await signUpInBrowser(page, "owner@example.com", "Olive Owner");
    await page.goto("/settings");
    await page.getByRole("link", { name: "Embeds" }).click();
    await page.getByRole("heading", { name: "No embeds yet" }).waitFor();
    await expectAccessibleOnce(page, "embeds list (empty)");
    await page.getByRole("link", { name: "New embed" }).first().click();
    await page.getByLabel("Name").fill("Shop help");
    await page.getByLabel("Allowed origins").fill(`https://*.example.com`);
    await page.getByRole("button", { name: "Create embed" }).click();
    await page
      .getByRole("alert")
      .getByText(/wildcards are not allowed/)
      .waitFor();
    await page.getByLabel("Allowed origins").fill(allowedOrigin);
    await page.getByLabel("Greeting").fill("Hello! Ask me about **your order**.");
    await expectAccessibleOnce(page, "new embed form");
    await page.getByRole("button", { name: "Create embed" }).click();
    await page.waitForURL(/\/settings\/embeds\/[0-9a-f-]{36}$/);
    embedPath = new URL(page.url()).pathname;
    key = (await page.getByLabel("Publishable key", { exact: true }).textContent())!.trim();
    expect(key).toMatch(/^pk_[0-9A-Za-z]{32}$/);
    const snippet = await page.getByLabel("Widget snippet", { exact: true }).textContent();
    expect(snippet).toContain(`data-hearth-key="${key}"`);
    expect(snippet).toContain("/widget.js");
    await expectAccessibleOnce(page, "embed settings");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await shot(page, `embed-settings-${scheme}`);
    }
    await context.close();
  }, 180_000);

  it("chats on an allowed site through the widget, and keeps the conversation across a reload", async () => {
    const { context, page } = await hearth.newPage({ baseURL: allowedOrigin });
    const embedResponses: { url: string; cookie: string | undefined }[] = [];
    page.on("response", (res) => {
      if (res.url().startsWith(hearthBase))
        embedResponses.push({ url: res.url(), cookie: res.headers()["set-cookie"] });
    });
    await page.goto("/");
    await page.evaluate(() => window.scrollTo(0, 400));
    await launcher(page).click();
    const frame = chatFrame(page);
    // The first frame of a fresh server may take a while on a busy machine.
    await frame.getByText("Ask me about").waitFor({ timeout: 90_000 });
    // Focus moved into the chat, and the page did not move.
    await expect
      .poll(() => frame.locator("#embed-message").evaluate((el) => el === document.activeElement))
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(400);

    await frame.getByLabel("Message").fill("Where is my parcel?");
    await frame.getByLabel("Message").press("Enter");
    const reply = expectedReply(MODEL, [{ role: "user", content: "Where is my parcel?" }]);
    const answer = frame.locator("li[data-status]").last();
    await expect.poll(() => answer.getAttribute("data-status"), { timeout: 20_000 }).toBe("complete");
    expect(await answer.locator('[data-slot="markdown"]').innerText()).toBe(reply);
    expect(await page.evaluate(() => window.scrollY)).toBe(400);

    // Esc inside the chat closes the panel and gives focus back to the button.
    await frame.getByLabel("Message").press("Escape");
    await expect.poll(() => launcher(page).getAttribute("aria-expanded")).toBe("false");
    expect(
      await page.evaluate(
        () => document.querySelector("[data-hearth-widget]")!.shadowRoot!.activeElement?.tagName,
      ),
    ).toBe("BUTTON");

    await page.reload();
    await launcher(page).click();
    await chatFrame(page).getByText("Where is my parcel?").waitFor();
    await chatFrame(page).locator('li[data-status="complete"]').waitFor();

    // The embed set no cookie, and the visitor's browser holds none of Hearth's.
    expect(embedResponses.length).toBeGreaterThan(0);
    expect(embedResponses.filter((r) => r.cookie)).toEqual([]);
    expect(await context.cookies(hearthBase)).toEqual([]);
    await context.close();
  }, 180_000);

  it("stops an answer with Stop, keeping what was written", async () => {
    hearth.sim.setFaults({ tokensPerSecond: 5 });
    try {
      const { context, page } = await hearth.newPage({ baseURL: allowedOrigin });
      await page.goto("/");
      await launcher(page).click();
      const frame = chatFrame(page);
      await frame.getByLabel("Message").fill("Tell me a long story");
      await frame.getByLabel("Message").press("Enter");
      const answer = frame.locator("li[data-status]").last();
      // The reply appears once the send is answered; then its first words (5 tokens a second).
      await answer.waitFor({ timeout: 60_000 });
      await expect.poll(() => answer.innerText({ timeout: 2_000 }), { timeout: 20_000 }).not.toBe("");
      await frame.getByRole("button", { name: "Stop" }).click();
      await expect.poll(() => answer.getAttribute("data-status"), { timeout: 5_000 }).toBe("stopped");
      await frame.getByText("Stopped").waitFor();
      await context.close();
    } finally {
      hearth.sim.resetFaults();
    }
  }, 180_000);

  it("is not framed by a site it does not allow, and its API refuses that site", async () => {
    const { context, page } = await hearth.newPage({ baseURL: otherOrigin });
    const refusals: string[] = [];
    page.on("console", (msg) => {
      if (/frame-ancestors/.test(msg.text())) refusals.push(msg.text());
    });
    await page.goto("/");
    await launcher(page).click();
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const framed = page.frames().find((f: Frame) => f.url().startsWith(`${hearthBase}/embed/`));
    expect(framed ? await framed.locator("#embed-message").count() : 0).toBe(0);

    const status = await page.evaluate(
      async ({ base, key }) => {
        const res = await fetch(`${base}/api/embed/conversation`, {
          headers: { authorization: `Bearer ${key}`, "x-hearth-visitor": "a-visitor-of-the-wrong-site" },
        });
        return { status: res.status, body: (await res.json()) as { error: { message: string } } };
      },
      { base: hearthBase, key },
    );
    expect(status.status).toBe(403);
    expect(status.body.error.message).toMatch(/may not use this chat/);
    await context.close();
  }, 180_000);

  it("fits a 375 px phone: the panel fills the screen and closes with its button", async () => {
    const { context, page } = await hearth.newPage({
      baseURL: allowedOrigin,
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto("/");
    await launcher(page).click();
    const frame = chatFrame(page);
    await frame.getByLabel("Message").waitFor();
    const box = (await page.locator("[data-hearth-widget] iframe").boundingBox())!;
    expect(box.width).toBe(375);
    expect(box.height).toBe(740);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await frame.getByLabel("Message").fill("Hi from my phone");
    await frame.getByLabel("Message").press("Enter");
    await expect
      .poll(() => frame.locator("li[data-status]").last().getAttribute("data-status"), { timeout: 20_000 })
      .toBe("complete");
    await shot(page, "embed-widget-375");
    await page.locator("[data-hearth-widget]").getByRole("button", { name: "Close chat" }).click();
    await expect.poll(() => launcher(page).getAttribute("aria-expanded")).toBe("false");
    await context.close();
  }, 180_000);

  it("draws its page light or dark as asked, and says when it is unavailable", async () => {
    const { context, page } = await hearth.newPage();
    for (const theme of ["light", "dark"] as const) {
      const res = await page.goto(`/embed/chat?key=${key}&theme=${theme}`);
      expect(res!.headers()["content-security-policy"]).toContain(`frame-ancestors ${allowedOrigin}`);
      expect(res!.headers()["x-frame-options"]).toBeUndefined();
      await page.getByLabel("Message").waitFor();
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
        theme === "dark",
      );
      await expectAccessibleOnce(page, `embed chat (${theme})`);
      await page.setViewportSize({ width: 400, height: 600 });
      await shot(page, `embed-page-${theme}`);
    }
    const unknown = await page.goto("/embed/chat?key=pk_nosuchkeynosuchkeynosuchkey0000");
    expect(unknown!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.getByRole("heading", { name: "Chat unavailable" }).waitFor();
    // Every other page still refuses to be framed.
    const login = await page.goto("/login");
    expect(login!.headers()["x-frame-options"]).toBe("DENY");
    await context.close();
  }, 180_000);

  it("shows its visitors' conversations to the owner, read only", async () => {
    const { context, page } = await hearth.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    // Not in the owner's own chat list.
    expect(await page.getByText("Where is my parcel?").count()).toBe(0);
    await page.goto(embedPath);
    await page.getByRole("link", { name: /Where is my parcel\?/ }).click();
    await page.getByText("read only").waitFor();
    await page.getByRole("list", { name: "Conversation" }).getByText("Where is my parcel?").waitFor();
    await expectAccessibleOnce(page, "embed conversation");
    expect(await page.getByRole("textbox").count()).toBe(0);
    await shot(page, "embed-conversation");

    // Revoking the key: the visitor's chat says so, politely.
    await page.goto(embedPath);
    await page.getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByText(/This key is revoked/).waitFor();
    const visitor = await hearth.newPage({ baseURL: allowedOrigin });
    await visitor.page.goto("/");
    await launcher(visitor.page).click();
    await chatFrame(visitor.page).getByRole("heading", { name: "Chat unavailable" }).waitFor();
    await visitor.context.close();
    await context.close();
  }, 180_000);
});
