import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshEmail, launchBrowser, newContext } from "./browser";
import { expectAccessibleOnce, Sidebar, signUp } from "./pages";

const SECRET = /^sk-hearth-[0-9A-Za-z]{43}$/;
/** What the list shows of a key: "sk-hearth-" and six more characters. */
const prefixOf = (secret: string) => secret.slice(0, "sk-hearth-".length + 6);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The gateway's answer to a key, as an app using it would get it. */
async function listModelsWith(key: string): Promise<number> {
  const res = await fetch(`${inject("baseUrl")}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  await res.body?.cancel();
  return res.status;
}

interface ListedKey {
  name: string;
  prefix: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

async function listedKeys(page: Page): Promise<ListedKey[]> {
  const res = await page.request.get("/api/keys");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: ListedKey[] }).data;
}

describe("API keys in the browser", () => {
  it("creates a key from Settings, shows the secret once, and revokes it", async () => {
    const baseUrl = inject("baseUrl");
    const context = await newContext(browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    const page = await context.newPage();
    await signUp(page, { email: freshEmail("keys"), name: "Kai Keys" });

    // Settings, through the account menu.
    await new Sidebar(page).openAccountMenu();
    await page.getByRole("menuitem", { name: "Settings" }).click();
    await page.waitForURL((url) => url.pathname === "/settings/api-keys");
    await page.getByText("No API keys yet").waitFor();

    // Create "laptop", expiring in 30 days.
    await page.getByRole("button", { name: "Create new key" }).click();
    const form = page.getByRole("dialog", { name: "Create API key" });
    await form.waitFor();
    await expectAccessibleOnce(page, "create key dialog", { within: '[role="dialog"]' });
    await form.getByLabel("Name").fill("laptop");
    await form.getByRole("combobox", { name: "Expiration" }).click();
    await page.getByRole("option", { name: "30 days" }).click();
    await form.getByRole("button", { name: "Create key" }).click();

    // The secret, once.
    const saveDialog = page.getByRole("dialog", { name: "Save your key" });
    await saveDialog.waitFor();
    await saveDialog.getByText("You won't be able to see this key again.").waitFor();
    const secret = await saveDialog.getByLabel("API key", { exact: true }).inputValue();
    expect(secret).toMatch(SECRET);
    await expectAccessibleOnce(page, "new key dialog", { within: '[role="dialog"]' });

    await saveDialog.getByRole("button", { name: "Copy", exact: true }).click();
    await saveDialog.getByRole("button", { name: "Copied", exact: true }).waitFor();
    await page.getByText("API key copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    await saveDialog.getByRole("button", { name: "Done" }).click();
    await saveDialog.waitFor({ state: "detached" });

    // The list shows the prefix, never the secret.
    const row = page.getByRole("row", { name: /laptop/ });
    await row.waitFor();
    const prefix = prefixOf(secret);
    expect(await row.textContent()).toContain(`${prefix}…`);
    expect(await page.content()).not.toContain(secret);

    const [listed, ...others] = await listedKeys(page);
    expect(others).toHaveLength(0);
    expect(listed).toMatchObject({ name: "laptop", prefix, lastUsedAt: null, expired: false });
    const daysLeft = (Date.parse(listed!.expiresAt ?? "") - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(29);
    expect(daysLeft).toBeLessThan(31);
    // Columns: name, key, created, last used, expires, revoke. Dates render once hydrated.
    const expires = row.getByRole("cell").nth(4).locator("time");
    expect(await expires.getAttribute("datetime")).toBe(listed!.expiresAt);
    expect(await row.getByRole("cell").nth(3).textContent()).toBe("Never");

    // The key passes the gateway's auth (no Ollama in e2e, hence 503 rather than 200).
    expect(await listModelsWith(secret)).toBe(503);
    // "Last used" follows (written off the request's path, so give it a moment).
    await expect
      .poll(async () => (await listedKeys(page))[0]?.lastUsedAt ?? null, { timeout: 5_000 })
      .not.toBeNull();
    await page.reload();
    const lastUsed = page
      .getByRole("row", { name: /laptop/ })
      .getByRole("cell")
      .nth(3)
      .locator("time");
    expect(await lastUsed.textContent()).toBe("Just now");
    await expectAccessibleOnce(page, "API keys page with a key");

    // Revoke, after confirming.
    await page.getByRole("button", { name: "Revoke key laptop" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Revoke API key?" });
    await confirm.waitFor();
    await expectAccessibleOnce(page, "revoke key dialog", { within: '[role="alertdialog"]' });
    expect(await confirm.textContent()).toContain("laptop");
    await confirm.getByRole("button", { name: "Revoke key", exact: true }).click();
    await confirm.waitFor({ state: "detached" });
    await page.getByRole("row", { name: /laptop/ }).waitFor({ state: "detached" });
    await page.getByText("API key revoked").waitFor();
    await page.getByText("No API keys yet").waitFor();

    expect(await listModelsWith(secret)).toBe(401);
    expect(await listedKeys(page)).toHaveLength(0);
    await context.close();
  });

  it("on a phone: reaches Settings from the sidebar sheet, checks the name, lists keys as cards", async () => {
    const context = await newContext(browser, { width: 375, height: 812 });
    const page = await context.newPage();
    await signUp(page, { email: freshEmail("keys-phone"), name: "Pia Phone" });
    await expectAccessibleOnce(page, "new chat on a phone");

    await page.getByRole("button", { name: "Open sidebar" }).click();
    await page.getByRole("dialog", { name: "Sidebar" }).waitFor();
    await expectAccessibleOnce(page, "sidebar sheet on a phone", { within: '[role="dialog"]' });
    await new Sidebar(page).openAccountMenu();
    await page.getByRole("menuitem", { name: "Settings" }).click();
    await page.waitForURL((url) => url.pathname === "/settings/api-keys");
    await page.getByRole("dialog", { name: "Sidebar" }).waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Create new key" }).click();
    const form = page.getByRole("dialog", { name: "Create API key" });
    await form.getByRole("button", { name: "Create key" }).click();
    await form.getByRole("alert").filter({ hasText: "Give the key a name." }).waitFor();
    expect(await form.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    await expectAccessibleOnce(page, "create key dialog with an error", { within: '[role="dialog"]' });

    await form.getByLabel("Name").fill("phone");
    await form.getByLabel("Limit to models").fill("llama3.2, qwen3");
    await form.getByRole("button", { name: "Create key" }).click();
    const saveDialog = page.getByRole("dialog", { name: "Save your key" });
    const secret = await saveDialog.getByLabel("API key", { exact: true }).inputValue();
    expect(secret).toMatch(SECRET);
    await saveDialog.getByRole("button", { name: "Done" }).click();
    await saveDialog.waitFor({ state: "detached" });

    const card = page.getByRole("listitem").filter({ hasText: "phone" });
    await card.waitFor();
    expect(await card.textContent()).toContain(`${prefixOf(secret)}…`);
    expect(await card.textContent()).toContain("Models: llama3.2, qwen3");
    expect(await card.textContent()).not.toContain(secret);
    // The table is for wider screens only.
    expect(await page.getByRole("table").count()).toBe(0);
    await expectAccessibleOnce(page, "API keys page on a phone");
    await context.close();
  });
});
