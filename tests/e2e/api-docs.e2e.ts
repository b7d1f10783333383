import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cspViolations, freshEmail, launchBrowser, newContext } from "./browser";
import { signUp } from "./pages";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

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
  it("renders the reference under the CSP, and Try it out calls GET /v1/models with a pasted key", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = cspViolations(page);
    await watchViolations(page);
    await signUp(page, { email: freshEmail("docs"), name: "Dee Docs" });
    const created = await page.request.post("/api/keys", { data: { name: "docs" } });
    const { key } = (await created.json()) as { key: string };

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
    await modal.locator('input[type="text"], input[type="password"]').first().fill(key);
    await modal.getByRole("button", { name: "Authorize", exact: true }).first().click();
    await modal.getByRole("button", { name: "Close" }).first().click();

    // Try it out, Execute: a real request from the page, with the key.
    await list.locator(".opblock-summary").click();
    await list.getByRole("button", { name: "Try it out" }).click();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/models");
    await list.getByRole("button", { name: "Execute" }).click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(res.request().headers()["authorization"]).toBe(`Bearer ${key}`);
    await list.locator(".live-responses-table .response-col_status").filter({ hasText: "200" }).waitFor();

    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    expect(violations).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });

  it("serves the guide and the reference without sign-in, readable in dark mode", async () => {
    const context = await newContext(browser, { colorScheme: "dark" });
    const page = await context.newPage();
    const console = cspViolations(page);

    await page.goto("/docs");
    expect(new URL(page.url()).pathname).toBe("/docs");
    await page.getByRole("heading", { name: "Use Hearth from your code" }).waitFor();
    const base = new URL(page.url()).origin;
    await page.getByText(`base_url="${base}/v1"`).first().waitFor();
    await screenshot(page, "guide-dark");

    await page.goto("/docs/api");
    await page.locator("#operations-OpenAI-compatible-listModels").waitFor({ timeout: 30_000 });
    expect(await page.locator("html").getAttribute("class")).toContain("dark");
    // Swagger's own text follows the theme: light on the dark page, not its default near-black.
    const color = await page
      .locator("#operations-OpenAI-compatible-listModels .opblock-summary-path")
      .evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/[\d.]+/g)!.map(Number);
    expect((r! + g! + b!) / 3).toBeGreaterThan(180);
    await screenshot(page, "api-dark");

    await page.emulateMedia({ colorScheme: "light" });
    await page.evaluate(() => localStorage.setItem("theme", "light"));
    await page.goto("/docs");
    await page.getByRole("heading", { name: "Use Hearth from your code" }).waitFor();
    await screenshot(page, "guide-light");
    expect(console).toEqual([]);
    await context.close();
  });
});
