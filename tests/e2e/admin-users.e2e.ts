import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "../support/query";
import { setRole, userIdOf } from "../support/seed";
import { freshEmail, launchBrowser, newContext, PASSWORD } from "./browser";
import { expectAccessibleOnce } from "./pages";
import { fillSignIn, signUp } from "./pages/auth";
import { Sidebar } from "./pages/sidebar";

/**
 * An admin at /admin/users: finds a person by search and disables them (their
 * open session stops working), creates an account that can then sign in; a
 * USER gets the 403 page, and only admins see "Admin" in the account menu.
 */
let browser: Browser;
let adminContext: BrowserContext;
let adminPage: Page;
const databaseUrl = () => inject("databaseUrl");

async function person(label: string, role: "ADMIN" | "USER", options: { width?: number } = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const email = freshEmail(label);
  const name = `${label[0]!.toUpperCase()}${label.slice(1)} ${Date.now() % 100000}`;
  await signUp(page, { email, name });
  // The first account of the shared e2e database is an admin whoever it is: say which this one is.
  await setRole(databaseUrl(), await userIdOf(databaseUrl(), email), role);
  return { context, page, email, name };
}

beforeAll(async () => {
  browser = await launchBrowser();
  ({ context: adminContext, page: adminPage } = await person("boss", "ADMIN"));
});

afterAll(async () => {
  await browser?.close();
});

describe("the admin console's users page", () => {
  it("is a 403 page for a USER, whose account menu has no Admin entry", async () => {
    const user = await person("plain", "USER");
    const res = await user.page.goto("/admin");
    expect(res?.status()).toBe(403);
    await user.page.getByRole("heading", { name: "You don’t have access to this page" }).waitFor();
    await user.page.goto("/");
    await new Sidebar(user.page).openAccountMenu();
    await user.page.getByRole("menuitem", { name: "Sign out" }).waitFor();
    expect(await user.page.getByRole("menuitem", { name: "Admin" }).count()).toBe(0);
    await user.context.close();
  });

  it("is reached from the account menu's Admin entry by an admin", async () => {
    await adminPage.goto("/");
    await new Sidebar(adminPage).openAccountMenu();
    await adminPage.getByRole("menuitem", { name: "Admin" }).click();
    await adminPage.waitForURL(/\/admin\/users$/);
    await adminPage.getByRole("heading", { name: "Users" }).waitFor();
  });

  it("finds a person by search and disables them: their open session stops working", async () => {
    const victim = await person("victim", "USER");
    await adminPage.goto("/admin/users");
    await adminPage.getByLabel("Search users by name or email").fill(victim.email.split("@")[0]!);
    const rows = adminPage.getByRole("table").getByRole("row");
    // The header row and the one match.
    await expect.poll(() => rows.count()).toBe(2);
    const row = rows.filter({ hasText: victim.email });
    await row.getByRole("button", { name: `Actions for ${victim.name}` }).click();
    await expectAccessibleOnce(adminPage, "user row menu", { within: '[role="menu"]' });
    await adminPage.getByRole("menuitem", { name: "Disable" }).click();
    await adminPage.getByText(`${victim.email} is disabled and signed out`).waitFor();
    await row.getByText("Disabled").waitFor();

    // The victim's tab, open all along: the next thing it does is refused.
    const me = await victim.page.request.get("/api/me");
    expect(me.status()).toBe(401);
    await victim.page.reload();
    await victim.page.waitForURL(/\/login/);
    await victim.context.close();
  });

  it("creates a user who can then sign in with the temporary password", async () => {
    const email = freshEmail("invited");
    await adminPage.goto("/admin/users");
    await adminPage.getByRole("button", { name: "New user" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "New user" });
    await expectAccessibleOnce(adminPage, "new user dialog", { within: '[role="dialog"]' });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Name").fill("Invited Person");
    await dialog.getByLabel("Temporary password").fill(PASSWORD);
    await dialog.getByRole("button", { name: "Create user" }).click();
    await adminPage.getByText(`Account created for ${email}`).waitFor();
    await adminPage.getByRole("table").getByText(email).filter({ visible: true }).waitFor();

    const context = await newContext(browser);
    const page = await context.newPage();
    await fillSignIn(page, { email });
    await page.waitForURL((url) => url.pathname === "/");
    await context.close();
  });

  it("shows a reset link to copy, and fits a 375 px screen without the page scrolling sideways", async () => {
    await adminPage.goto("/admin/users");
    const row = adminPage.getByRole("table").getByRole("row").filter({ hasText: "Invited Person" });
    await row.getByRole("button", { name: /^Actions for/ }).click();
    await adminPage.getByRole("menuitem", { name: "Password reset link…" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "Password reset link" });
    await expect.poll(() => dialog.getByLabel("Link").inputValue()).toMatch(/\/reset-password\/[\w-]{43}$/);
    await expectAccessibleOnce(adminPage, "reset link dialog", { within: '[role="dialog"]' });
    await dialog.getByRole("button", { name: "Done" }).click();

    const narrow = await newContext(browser, { width: 375, height: 800 });
    const page = await narrow.newPage();
    await page.context().addCookies(await adminContext.cookies());
    await page.goto("/admin/users");
    await page.getByRole("table").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await narrow.close();
  });

  it("shows a pending account the waiting page instead of the chat, until an admin approves it", async () => {
    const waiting = await person("waiting", "USER");
    // As the approval policy makes it (a shared e2e server: the policy itself stays open).
    await query(databaseUrl(), `UPDATE "user" SET pending = true WHERE email = $1`, [waiting.email]);
    await waiting.page.goto("/");
    await waiting.page.getByRole("heading", { name: "Waiting for approval" }).waitFor();
    await expectAccessibleOnce(waiting.page, "waiting for approval page");
    expect(await waiting.page.getByLabel("Message Hearth").count()).toBe(0);

    await adminPage.goto("/admin/users");
    await adminPage.getByRole("button", { name: /1 account is waiting for approval/ }).click();
    const row = adminPage.getByRole("table").getByRole("row").filter({ hasText: waiting.email });
    await row.getByText("Pending").waitFor();
    await row.getByRole("button", { name: `Actions for ${waiting.name}` }).click();
    await adminPage.getByRole("menuitem", { name: "Approve" }).click();
    await adminPage.getByText(`${waiting.email} can now use Hearth`).waitFor();

    await waiting.page.reload();
    await waiting.page.getByLabel("Message Hearth").waitFor();
    await waiting.context.close();
  });

  // Pictures for a person to look at (SCREENSHOTS_DIR=/some/dir): light and dark, wide and narrow.
  it.runIf(process.env.SCREENSHOTS_DIR)("takes screenshots", async () => {
    const dir = process.env.SCREENSHOTS_DIR!;
    fs.mkdirSync(dir, { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 375]) {
        const context = await newContext(browser, { width, height: 900, colorScheme });
        await context.addCookies(await adminContext.cookies());
        const page = await context.newPage();
        await page.goto("/admin/users");
        await page.getByRole("table").waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(dir, `users-${colorScheme}-${width}.png`), fullPage: true });
        await page.getByRole("button", { name: "New user" }).click();
        await page.getByRole("dialog").waitFor();
        await page.screenshot({ path: path.join(dir, `users-new-${colorScheme}-${width}.png`) });
        await context.close();
      }
      const context = await newContext(browser, { width: 375, height: 800, colorScheme });
      const page = await context.newPage();
      await page.goto("/reset-password/no-such-link");
      await page.screenshot({ path: path.join(dir, `reset-invalid-${colorScheme}-375.png`) });
      const invited = await userIdOf(
        databaseUrl(),
        (
          await query<{ email: string }>(
            databaseUrl(),
            `SELECT email FROM "user" WHERE name = 'Invited Person'`,
          )
        )[0]!.email,
      );
      const link = await adminPage.request.post(`/api/admin/users/${invited}/reset-link`, {
        headers: { origin: new URL(inject("baseUrl")).origin },
      });
      await page.goto(((await link.json()) as { path: string }).path);
      await page.getByRole("button", { name: "Set password" }).waitFor();
      await page.screenshot({ path: path.join(dir, `reset-${colorScheme}-375.png`) });
      await context.close();
    }
  });
});
