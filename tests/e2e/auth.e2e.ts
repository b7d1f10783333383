import fs from "node:fs";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cspViolations, freshEmail, launchBrowser, newContext, PASSWORD } from "./browser";
import { expectAccessibleOnce, fillSignIn, fillSignUp, Sidebar, signOut } from "./pages";

let browser: Browser;
const passwordsTyped: string[] = [];

beforeAll(async () => {
  // These tests start from a fresh installation: no accounts yet, whatever
  // other e2e files ran before on this server.
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  await client.query(`DELETE FROM "user"`);
  await client.end();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Sends the sign-up form, remembering the password for the log check below. */
async function signUp(page: Page, email: string, name: string, password = PASSWORD) {
  passwordsTyped.push(password);
  await fillSignUp(page, { email, name, password });
}

async function me(page: Page) {
  const res = await page.request.get("/api/me");
  return { status: res.status(), body: res.ok() ? await res.json() : null };
}

describe("accounts in the browser", () => {
  it("first sign-up lands as admin; sign out; a second sign-up is a user", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const violations = cspViolations(page);

    await page.goto("/");
    await page.waitForURL(/\/login/);
    await page.getByRole("link", { name: /create an account/i }).click();
    await page.waitForURL(/\/signup/);
    expect(await page.getByText("The first account becomes the administrator.").isVisible()).toBe(true);

    await signUp(page, freshEmail("admin"), "Ada Admin");
    await page.waitForURL((url) => url.pathname === "/");
    expect((await me(page)).body).toMatchObject({ name: "Ada Admin", role: "ADMIN" });
    await new Sidebar(page).openAccountMenu();
    // The Admin badge beside the name, and the Admin entry that leads to /admin.
    expect(await page.getByRole("menu").getByText("Admin", { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByRole("menuitem", { name: "Admin" }).isVisible()).toBe(true);
    await expectAccessibleOnce(page, "account menu of an admin", { within: '[role="menu"]' });
    await page.keyboard.press("Escape");

    await signOut(page);
    expect((await me(page)).status).toBe(401);

    await signUp(page, freshEmail("user"), "Uma User");
    await page.waitForURL((url) => url.pathname === "/");
    expect((await me(page)).body).toMatchObject({ name: "Uma User", role: "USER" });
    // Every page ran under the nonce policy without a violation.
    expect(violations).toEqual([]);
    await context.close();
  });

  it("shows an inline error for a wrong password and stays on the page", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const email = freshEmail("wrongpw");
    await signUp(page, email, "Wes Wrong");
    await page.waitForURL((url) => url.pathname === "/");
    await signOut(page);

    passwordsTyped.push("definitely not it");
    await fillSignIn(page, { email, password: "definitely not it" });
    // Next's route announcer is an alert too: find ours by its text.
    const alert = page.getByRole("alert").filter({ hasText: /invalid email or password/i });
    await alert.waitFor();
    expect(await alert.isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("returns to the page the user was going to, but never off-site", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const email = freshEmail("next");
    await signUp(page, email, "Nia Next");
    await page.waitForURL((url) => url.pathname === "/");
    await signOut(page);

    await page.goto("/?from=bookmark");
    await page.waitForURL(/\/login\?next=/);
    await fillSignIn(page, { email });
    await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("from") === "bookmark");
    await signOut(page);

    await page.goto("/login?next=//evil.example/steal");
    await fillSignIn(page, { email });
    await page.waitForURL((url) => url.pathname === "/");
    expect(new URL(page.url()).host).toBe(new URL(inject("baseUrl")).host);
    await context.close();
  });

  it("remembers the chosen theme across a reload", async () => {
    const context = await newContext(browser, { colorScheme: "light" });
    const page = await context.newPage();
    const violations = cspViolations(page);
    await signUp(page, freshEmail("theme"), "Theo Theme");
    await page.waitForURL((url) => url.pathname === "/");
    const htmlClass = () => page.evaluate(() => document.documentElement.className);
    expect(await htmlClass()).not.toContain("dark");

    await new Sidebar(page).openAccountMenu();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
    await page.reload();
    await page.waitForLoadState("domcontentloaded");
    expect(await htmlClass()).toContain("dark");
    // The page paints dark, not only carries the class.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe("rgb(255, 255, 255)");
    // The theme script before paint carries the nonce.
    expect(violations).toEqual([]);
    const csp = (await page.request.get("/")).headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    await context.close();
  });
});

describe("the server", () => {
  it("answers /api/health", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.checks.database.status).toBe("ok");
    // No Ollama here: reported, but not fatal.
    expect(body.checks.runner.status).toBe("error");
  });

  it("never wrote a password, cookie or secret to its logs", async () => {
    // Make sure the log has seen some traffic with cookies and failures.
    expect(passwordsTyped.length).toBeGreaterThan(3);
    const log = fs.readFileSync(inject("serverLog"), "utf8");
    expect(log.length).toBeGreaterThan(0);
    for (const pw of new Set(passwordsTyped)) expect(log).not.toContain(pw);
    expect(log).not.toContain(inject("authSecret"));
    expect(log).not.toMatch(/better-auth\.session_token=/);
    const dbPassword = new URL(inject("databaseUrl")).password;
    if (dbPassword) expect(log).not.toContain(dbPassword);
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const { rows } = await client.query<{ token: string }>("SELECT token FROM session");
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const { token } of rows) expect(log).not.toContain(token);
  });
});
