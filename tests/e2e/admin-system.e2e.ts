import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { query } from "../support/query";
import { freshEmail } from "./browser";
import { expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * An admin at /admin/system: the status of the server, a setting changed and
 * saved, and that change in the audit log a moment later (filtered by its
 * action, before and after shown). A setting the environment fixes
 * (SIGNUP_POLICY here) is read-only, with the variable's name.
 * SCREENSHOT_DIR=/some/dir also saves both pages, light and dark, 1280 and 375 px wide.
 */
let env: SimulatedHearth;
let admin: Awaited<ReturnType<BrowserContext["storageState"]>>;

beforeAll(async () => {
  env = await startSimulatedHearth("admin-system", { env: { SIGNUP_POLICY: "open" } });
  // The first account on a fresh server is its admin.
  const { context, page } = await env.newPage();
  await signUp(page, { email: freshEmail("admin"), name: "Ada Admin" });
  admin = await context.storageState();
  await context.close();
});

afterAll(() => env?.stop());

const adminPage = () => env.newPage({ storageState: admin });

it("saves a setting and shows the change in the audit log", { timeout: 180_000 }, async () => {
  const { context, page } = await adminPage();
  await page.goto("/admin/system");
  const status = page.getByRole("region", { name: "Status" });
  await status.getByText("PostgreSQL").waitFor();
  expect(await status.getByText("Reachable").count()).toBeGreaterThanOrEqual(2); // the database and Ollama
  await expectAccessibleOnce(page, "admin system page");

  const prompt = `Answer as a ship's cook, ${Date.now()}.`;
  await page.getByLabel("Default system prompt").fill(prompt);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Setting saved").waitFor();
  expect(await page.getByRole("button", { name: "Save changes" }).isDisabled()).toBe(true);

  // A bad value is refused at its field, and nothing is sent.
  const window = page.getByLabel("Rate-limit window");
  await window.fill("0");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Enter a whole number of seconds").waitFor();
  expect(await window.getAttribute("aria-invalid")).toBe("true");
  await page.getByRole("button", { name: "Discard" }).click();

  await page.goto("/admin/audit");
  await page.getByLabel("Action").fill("setting.");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/action=setting\./);
  const row = page.getByRole("row").filter({ hasText: "setting.update" }).first();
  await row.waitFor();
  expect(await page.getByRole("row").filter({ hasText: "setting.update" }).count()).toBe(1);
  await row.getByRole("button", { name: "Details of setting.update" }).click();
  const details = page.getByRole("table").last();
  await details.getByRole("rowheader", { name: "Default system prompt" }).waitFor();
  expect(await details.getByText(prompt).isVisible()).toBe(true);
  expect(await details.getByText("(empty)").isVisible()).toBe(true);
  await expectAccessibleOnce(page, "admin audit page, a row open");

  await screenshots(page, "system", "/admin/system", (p) => p.getByText("PostgreSQL").waitFor());
  await seedAuditRows();
  await screenshots(page, "audit", "/admin/audit", (p) => p.getByRole("row").nth(1).waitFor());
  await context.close();
});

it("shows a setting fixed by the environment as read-only, with its variable", async () => {
  const { context, page } = await adminPage();
  await page.goto("/admin/system");
  const policy = page.getByRole("group", { name: "Sign-up policy" });
  await policy.waitFor();
  expect(await policy.getByText("Set by SIGNUP_POLICY").isVisible()).toBe(true);
  for (const name of ["Open", "Approval", "Closed"]) {
    expect(await policy.getByRole("radio", { name }).isDisabled()).toBe(true);
  }
  expect(await policy.getByRole("radio", { name: "Open" }).isChecked()).toBe(true);
  // The settings the environment leaves alone stay editable.
  expect(await page.getByLabel("Default system prompt").isEditable()).toBe(true);
  await context.close();
});

/** A few entries of each kind, for a screenshot that looks like a week of use. */
async function seedAuditRows() {
  if (!process.env.SCREENSHOT_DIR) return;
  const rows: [string, string | null, string, string, string, object | null][] = [
    [
      "5 min",
      "ada@example.com",
      "user.role.change",
      "user",
      "bob@example.com",
      { before: { role: "USER" }, after: { role: "ADMIN" } },
    ],
    ["2 hours", null, "auth.sign_in.failure", "user", "mallory@example.com", { reason: "wrong password" }],
    ["1 day", "bob@example.com", "key.create", "api_key", "hk_3f9a…", null],
    ["3 days", "ada@example.com", "model.pull", "model", "llama3.2:3b", { runner: "Ollama" }],
  ];
  for (const [age, email, action, type, label, details] of rows) {
    await query(
      env.databaseUrl,
      `INSERT INTO audit_log (created_at, actor_email, action, target_type, target_label, ip, details)
       VALUES (now() - $1::interval, $2, $3, $4, $5, '192.0.2.14', $6)`,
      [age, email, action, type, label, details && JSON.stringify(details)],
    );
  }
}

/** Saves the page at 1280 and 375 px, light and dark, when SCREENSHOT_DIR is set. */
async function screenshots(page: Page, name: string, url: string, ready: (p: Page) => Promise<void>) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const state = await page.context().storageState();
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 375]) {
      const context = await env.browser.newContext({
        baseURL: new URL(page.url()).origin,
        viewport: { width, height: 900 },
        colorScheme,
        storageState: state,
      });
      const shot = await context.newPage();
      await shot.goto(url);
      await ready(shot);
      await shot.waitForLoadState("networkidle");
      if (name === "audit")
        await shot
          .getByRole("button", { name: /^Details of/ })
          .nth(1)
          .click();
      // The shell scrolls inside <main>: let it grow so the full-page shot shows all of it.
      await shot.evaluate(() => {
        for (const el of document.querySelectorAll<HTMLElement>(".h-dvh, main")) {
          el.style.height = "auto";
          el.style.overflow = "visible";
        }
      });
      await shot.screenshot({ path: path.join(dir, `${name}-${colorScheme}-${width}.png`), fullPage: true });
      await context.close();
    }
  }
}
