import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signUpOverHttp } from "../support/hearth-server";
import { seedConversation, userIdOf } from "../support/seed";
import { cspViolations, launchBrowser } from "./browser";
import { expectAccessibleOnce } from "./pages";
import { expectNoScriptRan, watchForScript, XSS } from "./xss-corpus";
import type { Browser } from "playwright-core";

let browser: Browser;
let base: string;
let cookie: string;
let chatId: string;

beforeAll(async () => {
  base = inject("baseUrl");
  const email = `sharer-${Date.now()}@example.com`;
  cookie = await signUpOverHttp(base, email);
  ({ chatId } = await seedConversation(inject("databaseUrl"), {
    userId: await userIdOf(inject("databaseUrl"), email),
    title: "Hostile <b>title</b>",
    model: "llama3.2:3b",
    messages: [
      { role: "user", content: XSS },
      { role: "assistant", content: `Here is **bold** and a [safe link](https://example.com).\n\n${XSS}` },
    ],
  }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("a shared chat", () => {
  it("opens signed out, read only, not indexed, runs no script, and stops when revoked", async () => {
    const created = await (
      await fetch(`${base}/api/chats/${chatId}/shares`, { method: "POST", headers: { origin: base, cookie } })
    ).json();
    const context = await browser.newContext(); // no cookies: a stranger with the link
    const page = await context.newPage();
    const violations = cspViolations(page);
    const watched = await watchForScript(page);
    const res = await page.goto(new URL(new URL(created.url).pathname, base).toString());
    expect(res?.status()).toBe(200);
    expect(res?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
    await page.getByRole("heading", { name: "Hostile <b>title</b>" }).waitFor();
    expect(await page.getByText("bold", { exact: true }).count()).toBeGreaterThan(0);
    await expectNoScriptRan(page, page.locator("main"), watched, violations);
    expect(await page.getByRole("link", { name: "safe link" }).getAttribute("href")).toBe(
      "https://example.com",
    );
    await expectAccessibleOnce(page, "shared chat with hostile content");

    const del = await fetch(`${base}/api/shares/${created.id}`, {
      method: "DELETE",
      headers: { origin: base, cookie },
    });
    expect(del.status).toBe(204);
    const gone = await page.goto(new URL(new URL(created.url).pathname, base).toString());
    expect(gone?.status()).toBe(404);
    await context.close();
  });
});
