import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { freshEmail } from "./browser";
import { expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * Settings → Webhooks in the browser: an admin adds an endpoint (a receiver
 * on another local port; the environment allows loopback addresses), saves
 * its secret (shown once), sends a test event the receiver verifies, sees it
 * in the delivery log and redelivers it with the same webhook-id.
 * SCREENSHOT_DIR=/some/dir also saves the page and the dialog, light and dark.
 */
let env: SimulatedHearth;
let receiver: WebhookReceiver;
let admin: Awaited<ReturnType<BrowserContext["storageState"]>>;

beforeAll(async () => {
  env = await startSimulatedHearth("webhooks", { env: { WEBHOOKS_ALLOW_PRIVATE_URLS: "true" } });
  receiver = await startWebhookReceiver(() => ({ status: 200, body: '{"received":true}' }));
  // The first account on a fresh server is its admin.
  const { context, page } = await env.newPage();
  await signUp(page, { email: freshEmail("hooks"), name: "Wren Webhooks" });
  admin = await context.storageState();
  await context.close();
});

afterAll(async () => {
  await receiver?.close();
  await env?.stop();
});

it("adds a webhook, shows its secret once, delivers a test event and redelivers it", async () => {
  const { context, page } = await env.newPage({ storageState: admin });
  await page.goto("/settings/api-keys");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
  await page.waitForURL((url) => url.pathname === "/settings/webhooks");
  await page.getByText("No webhooks yet").waitFor();

  await page.getByRole("button", { name: "Add webhook" }).click();
  const form = page.getByRole("dialog", { name: "Add webhook" });
  await form.waitFor();
  // An admin is offered the instance events too.
  await form.getByText("user.created").waitFor();
  await expectAccessibleOnce(page, "add webhook dialog", { within: '[role="dialog"]' });
  await form.getByLabel("Endpoint URL").fill(receiver.url);
  await form.getByLabel("Description").fill("Usage dashboard");
  await form.getByRole("checkbox", { name: /chat\.completion\.completed/ }).check();
  await form.getByRole("button", { name: "Add webhook" }).click();

  const saveDialog = page.getByRole("dialog", { name: "Save the signing secret" });
  await saveDialog.waitFor();
  const secret = await saveDialog.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expectAccessibleOnce(page, "webhook secret dialog", { within: '[role="dialog"]' });
  await saveDialog.getByRole("button", { name: "Done" }).click();
  await saveDialog.waitFor({ state: "detached" });

  // Shown once: neither the page nor its API has it afterwards.
  await page.reload();
  const card = page.getByRole("article", { name: receiver.url });
  await card.waitFor();
  expect(await page.content()).not.toContain(secret.slice(6));
  expect(await (await page.request.get("/api/webhooks")).text()).not.toContain(secret.slice(6));

  await card.getByRole("button", { name: "Send test event" }).click();
  const [first] = await receiver.waitFor(1);
  const event = new Webhook(secret).verify(first!.body, first!.headers) as { type: string };
  expect(event.type).toBe("webhook.test");

  const log = card.getByRole("table", { name: "Delivery log" });
  const row = log.getByTestId("delivery-row").filter({ hasText: "200" }).first();
  await row.waitFor({ timeout: 15_000 });
  expect(await row.textContent()).toContain("webhook.test");
  expect(await row.textContent()).toContain('{"received":true}');
  await expectAccessibleOnce(page, "webhooks page with a delivery log");
  await shoot(page, "page");

  await row.getByRole("button", { name: /Redeliver/ }).click();
  const [, second] = await receiver.waitFor(2);
  expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
  expect(() => new Webhook(secret).verify(second!.body, second!.headers)).not.toThrow();
  await log.getByText("#2 (manual)").waitFor({ timeout: 15_000 });

  await page.getByRole("button", { name: "Add webhook" }).click();
  await page.getByRole("dialog", { name: "Add webhook" }).waitFor();
  await shoot(page, "dialog");
  await context.close();
});

/** Light and dark screenshots when SCREENSHOT_DIR is set. */
async function shoot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(dir, `webhooks-${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}
