import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "../support/query";
import { setRole, userIdOf } from "../support/seed";
import { freshEmail, launchBrowser, newContext } from "./browser";
import { expectAccessibleOnce, signUp } from "./pages";

let browser: Browser;
let admin: BrowserContext;
const MODEL = `usage-e2e-${Date.now()}`;
const userEmail = freshEmail("usage-user");
const DAY_MS = 86_400_000;
/** Where screenshots go when asked for (HEARTH_SCREENS=/some/dir): not part of the suite's verdict. */
const SCREENS = process.env.HEARTH_SCREENS;

/** Usage over the last three days: the seeded user through a key and chat, the admin in chat. */
async function seedUsage(adminId: string) {
  const db = inject("databaseUrl");
  const [user] = await query<{ id: string }>(
    db,
    `INSERT INTO "user" (id, name, email) VALUES (gen_random_uuid()::text, 'Uma Usage', $1) RETURNING id`,
    [userEmail],
  );
  await query(
    db,
    `INSERT INTO api_key (user_id, name, prefix, hash) VALUES ($1, 'uma laptop', 'sk-hearth-umaE2E', md5($1))`,
    [user!.id],
  );
  const rows: unknown[][] = [];
  for (let d = 0; d < 3; d++) {
    const at = new Date(Date.now() - d * DAY_MS);
    for (let i = 0; i < 4 + d; i++)
      rows.push([
        at,
        user!.id,
        "sk-hearth-umaE2E",
        "api",
        i === 0 ? 500 : 200,
        120 + 10 * i,
        40 + i,
        180 + 20 * i,
      ]);
    rows.push([at, user!.id, null, "chat", 200, 300, 90, 400]);
    rows.push([at, adminId, null, "chat", 200, 50, 10, 250]);
  }
  const values = rows.map(
    (_, i) =>
      `($${i * 8 + 1}, $${i * 8 + 2}, $${i * 8 + 3}, $${i * 8 + 4}::usage_source, 'e2e', '${MODEL}', true, $${i * 8 + 5}, $${i * 8 + 6}, $${i * 8 + 7}, $${i * 8 + 8}, 900)`,
  );
  await query(
    db,
    `INSERT INTO usage_event (created_at, user_id, key_prefix, source, endpoint, model, stream, status,
       prompt_tokens, completion_tokens, ttft_ms, duration_ms) VALUES ${values.join(", ")}`,
    rows.flat(),
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await newContext(browser);
  const page = await admin.newPage();
  const email = freshEmail("usage-admin");
  await signUp(page, { email, name: "Ada Usage" });
  const adminId = await userIdOf(inject("databaseUrl"), email);
  await setRole(inject("databaseUrl"), adminId, "ADMIN");
  await page.close();
  await seedUsage(adminId);
});

afterAll(async () => {
  await browser?.close();
});

async function openUsage(page: Page, qs = "range=7d") {
  await page.goto(`/admin/usage?${qs}`);
  await page.getByRole("heading", { name: "Administration" }).waitFor();
}

async function screenshot(page: Page, name: string) {
  if (!SCREENS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENS, `${name}-${scheme}.png`) });
    // The app scrolls inside its main pane: show the rest of the page too.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll("*"))
        if (el.scrollHeight > el.clientHeight + 10) el.scrollTop = 600;
    });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(SCREENS, `${name}-${scheme}-lower.png`) });
    await page.evaluate(() => {
      for (const el of document.querySelectorAll("*")) el.scrollTop = 0;
    });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

describe("usage analytics", () => {
  it("draws the days as bars and lines and lists the seeded model, user and key", async () => {
    const page = await admin.newPage();
    await openUsage(page);
    const requests = page.getByTestId("requests-chart");
    await requests.locator(".recharts-bar-rectangle path").first().waitFor();
    // Three days with usage, each a stack of succeeded and (one day of each) errors.
    expect(await requests.locator(".recharts-bar-rectangle path").count()).toBeGreaterThanOrEqual(3);
    const tokens = page.getByTestId("tokens-chart");
    await expect.poll(() => tokens.locator("path.recharts-line-curve").count()).toBe(2);
    expect(await tokens.locator("path.recharts-line-curve").first().getAttribute("d")).toMatch(
      /^M[\d.]+,[\d.]+/,
    );

    const models = page.getByRole("region", { name: "Top models" });
    await models.getByRole("cell", { name: MODEL }).waitFor();
    const users = page.getByRole("region", { name: "Top users" });
    const uma = users.getByRole("row").filter({ hasText: userEmail });
    // 4 + 5 + 6 key requests and 3 chat replies.
    await expect.poll(() => uma.getByRole("cell").nth(1).textContent()).toBe("18");
    const keys = page.getByRole("region", { name: "API keys" });
    await keys
      .getByRole("row")
      .filter({ hasText: "uma laptop" })
      .getByRole("cell", { name: "15", exact: true })
      .waitFor();
    await expectAccessibleOnce(page, "usage with charts");
    await screenshot(page, "usage-1280");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "usage-375");
    await page.close();
  });

  it("changes range and source, and shows an empty state for a range without usage", async () => {
    const page = await admin.newPage();
    await openUsage(page);
    await page.getByRole("button", { name: "Today" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("range")).toBe("today");
    await page.getByRole("region", { name: "Top models" }).getByRole("cell", { name: MODEL }).waitFor();

    await page.getByRole("combobox", { name: "Source" }).click();
    await page.getByRole("option", { name: "Chat only" }).click();
    const users = page.getByRole("region", { name: "Top users" });
    // Today, in chat: one reply by the seeded user.
    await expect
      .poll(() =>
        users.getByRole("row").filter({ hasText: userEmail }).getByRole("cell").nth(1).textContent(),
      )
      .toBe("1");
    await expect
      .poll(() => page.getByRole("region", { name: "API keys" }).textContent())
      .toMatch(/No API key was used/);

    await page.getByRole("button", { name: "Custom" }).click();
    await page.getByLabel("From", { exact: true }).fill("2001-01-01");
    await page.getByLabel("To", { exact: true }).fill("2001-01-31");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.getByRole("heading", { name: "No usage in this range" }).waitFor();
    expect(new URL(page.url()).search).toBe("?range=custom&from=2001-01-01&to=2001-01-31&source=chat");
    await expectAccessibleOnce(page, "usage empty");
    await screenshot(page, "usage-empty-1280");

    // A reload keeps the range.
    await page.reload();
    await page.getByRole("heading", { name: "No usage in this range" }).waitFor();
    await page.close();
  });

  it("downloads the range as CSV", async () => {
    const page = await admin.newPage();
    await openUsage(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^hearth-usage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const text = fs.readFileSync((await download.path())!, "utf8");
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^date,source,model,user_name,user_email,key_prefix,key_name,requests/);
    const mine = lines.filter((l) => l.includes(MODEL));
    // Three days × (key, chat of the user, chat of the admin).
    expect(mine).toHaveLength(9);
    expect(
      mine.some((l) => l.includes(`,api,${MODEL},Uma Usage,${userEmail},sk-hearth-umaE2E,uma laptop,`)),
    ).toBe(true);
    await page.close();
  });
});
