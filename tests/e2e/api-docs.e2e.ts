import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cspViolations, freshEmail, launchBrowser, newContext } from "./browser";
import { signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await simulated?.stop();
});

// Its own server with the Ollama simulator behind it, so GET /v1/models has models to list.
let simulated: SimulatedHearth | undefined;

/** With DOCS_SCREENSHOTS=<dir>, each page is also saved there, to be looked at. */
async function screenshot(page: Page, name: string) {
  const dir = process.env.DOCS_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** Blocked scripts, eval and the like, as the page itself sees them (besides the console). */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __violations: string[] }).__violations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
}

describe("the API docs in the browser", () => {
  it(
    "renders the reference under the CSP, and Try it out calls GET /v1/models with a pasted key",
    { timeout: 120_000 },
    async () => {
      simulated = await startSimulatedHearth("docs");
      const { context, page } = await simulated.newPage();
      const consoleViolations = cspViolations(page);
      await watchViolations(page);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await signUp(page, { email: freshEmail("docs"), name: "Dee Docs" });
      // A key made as Settings makes one: a same-origin request from the signed-in page.
      const key = await page.evaluate(async () => {
        const res = await fetch("/api/keys", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "docs" }),
        });
        return ((await res.json()) as { key: string }).key;
      });
      expect(key).toMatch(/^sk-hearth-/);

      await page.goto("/docs/api");
      const list = page.locator("#operations-OpenAI-compatible-listModels");
      await list.waitFor({ timeout: 30_000 });
      await screenshot(page, "api-light");

      // Authorize: paste the key under apiKey (bearer).
      await page
        .getByRole("button", { name: /Authorize/ })
        .first()
        .click();
      const modal = page.locator(".dialog-ux .modal-ux");
      await modal.waitFor();
      await modal.locator("input").first().fill(key);
      await modal.locator("button.authorize").first().click();
      await modal.locator("button.btn-done").first().click();

      // Try it out, Execute: a real request from the page, with the key.
      await list.locator(".opblock-summary-control").click();
      await list.locator("button.try-out__btn").click();
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/models");
      await list.locator("button.execute").click();
      const res = await answered;
      expect(res.status()).toBe(200);
      expect(res.request().headers()["authorization"]).toBe(`Bearer ${key}`);
      await list.locator(".live-responses-table .response-col_status").filter({ hasText: "200" }).waitFor();
      await list.locator(".live-responses-table").getByText("llama3.2:3b").first().waitFor();
      await screenshot(page, "api-try-it-out");

      const violations = await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      );
      expect(violations).toEqual([]);
      expect(consoleViolations).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it("serves the guide and the reference without sign-in, readable in dark mode", async () => {
    const context = await newContext(browser, { colorScheme: "dark" });
    const page = await context.newPage();
    const consoleViolations = cspViolations(page);

    await page.goto("/docs");
    expect(new URL(page.url()).pathname).toBe("/docs");
    await page.getByRole("heading", { name: "Use Hearth from your code" }).waitFor();
    const base = new URL(page.url()).origin;
    await page.getByText(`base_url="${base}/v1"`).first().waitFor();
    await screenshot(page, "guide-dark");

    await page.goto("/docs/api");
    await page.locator("#operations-OpenAI-compatible-listModels").waitFor({ timeout: 30_000 });
    expect(await page.locator("html").getAttribute("class")).toContain("dark");
    // Swagger's own text follows the theme: the page's light foreground, not its default near-black.
    const [pathColor, pageColor] = await page
      .locator("#operations-OpenAI-compatible-listModels .opblock-summary-path")
      .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.body).color]);
    expect(pathColor).toBe(pageColor);
    expect(pathColor).not.toBe("rgb(59, 65, 81)");
    await screenshot(page, "api-dark");

    await page.emulateMedia({ colorScheme: "light" });
    await page.evaluate(() => localStorage.setItem("theme", "light"));
    await page.goto("/docs");
    await page.getByRole("heading", { name: "Use Hearth from your code" }).waitFor();
    await screenshot(page, "guide-light");
    expect(consoleViolations).toEqual([]);
    await context.close();
  });
});
