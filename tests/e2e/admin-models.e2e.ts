/**
 * An admin at /admin/models adds a second Ollama, sees its models under its
 * name, hides a model from users (gone from a user's picker), reads a model's
 * details and deletes one. Screenshots of the page in light and dark, wide and narrow.
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { setRole, userIdOf } from "../support/seed";
import { freshEmail } from "./browser";
import { expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

const SHOTS = process.env.SCREENSHOT_DIR ?? "/work/screens/runners";
const SECOND_ONLY = "phi4-mini:3.8b";

let env: SimulatedHearth;
let second: OllamaSim;
let admin: { context: BrowserContext; page: Page };
let user: { context: BrowserContext; page: Page };

beforeAll(async () => {
  env = await startSimulatedHearth("admin-models");
  second = await startOllamaSim({
    models: [
      { name: SECOND_ONLY, capabilities: ["completion", "tools"], family: "phi3", parameterSize: "3.8B" },
      { name: "llama3.2:3b", capabilities: ["completion", "tools"] },
    ],
  });
  admin = await env.newPage();
  const adminEmail = freshEmail("models-admin");
  await signUp(admin.page, { email: adminEmail, name: "Ada Admin" });
  await setRole(env.databaseUrl, await userIdOf(env.databaseUrl, adminEmail), "ADMIN");
  user = await env.newPage();
  const userEmail = freshEmail("models-user");
  await signUp(user.page, { email: userEmail, name: "Uma User" });
  await setRole(env.databaseUrl, await userIdOf(env.databaseUrl, userEmail), "USER");
}, 120_000);

afterAll(async () => {
  await second?.close();
  await env?.stop();
});

/** The model ids in the user's picker, as the menu lists them. */
async function pickerModels(page: Page): Promise<string[]> {
  await page.goto("/");
  await page.getByRole("button", { name: /^Model:/ }).click();
  const items = page.getByRole("menuitemradio");
  await items.first().waitFor();
  const names = await items.allInnerTexts();
  await page.keyboard.press("Escape");
  return names.map((n) => n.trim());
}

const modelRow = (page: Page, model: string, runner: string) =>
  page
    .locator(`tr[data-model="${model}"]`)
    .filter({ has: page.getByRole("cell", { name: runner, exact: true }) });

describe("the models page", () => {
  it("adds a runner, hides a model from users, shows details and deletes a model", async () => {
    const { page } = admin;
    await page.goto("/admin/models");
    await page.getByRole("heading", { name: "Runners" }).waitFor();
    const runners = page.getByRole("list", { name: "Runners" });
    await runners.getByText(/Reachable · version 0\.12\.3/).waitFor();

    // Add the second Ollama.
    await page.getByRole("button", { name: "Add runner" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a runner" });
    await dialog.waitFor();
    await expectAccessibleOnce(page, "add runner dialog", { within: '[role="dialog"]' });
    await dialog.getByLabel("Name").fill("gpu-box");
    await dialog.getByLabel("Base URL").fill("ftp://nope");
    await dialog.getByRole("button", { name: "Add runner" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/Base URL: must start with http/)
      .waitFor();
    await dialog.getByLabel("Base URL").fill(second.url);
    await dialog.getByRole("button", { name: "Add runner" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .locator('[data-runner="gpu-box"]')
      .getByText(/Reachable/)
      .waitFor();

    // Its models, with its name.
    await modelRow(page, SECOND_ONLY, "gpu-box").waitFor();
    await modelRow(page, "llama3.2:3b", "gpu-box").waitFor();
    await modelRow(page, "llama3.2:3b", "Ollama").waitFor();
    expect(await pickerModels(user.page)).toContain(SECOND_ONLY);
    await shoot(page, "models");

    // Hide a model from users: gone from the user's picker.
    await modelRow(page, SECOND_ONLY, "gpu-box")
      .getByRole("switch", { name: `Offer ${SECOND_ONLY} to users` })
      .click();
    await modelRow(page, SECOND_ONLY, "gpu-box").getByText("Hidden from users").waitFor();
    const picked = await pickerModels(user.page);
    expect(picked).not.toContain(SECOND_ONLY);
    expect(picked).toContain("llama3.2:3b");

    // Details.
    await modelRow(page, "llama3.2:3b", "Ollama")
      .getByRole("button", { name: "Actions for llama3.2:3b on Ollama" })
      .click();
    await page.getByRole("menuitem", { name: "Details" }).click();
    const details = page.getByRole("dialog", { name: "llama3.2:3b" });
    await details.getByText("131,072 tokens").waitFor();
    await details.getByText("Template", { exact: true }).waitFor();
    await expectAccessibleOnce(page, "model details dialog", { within: '[role="dialog"]' });
    await shoot(page, "details");
    await page.keyboard.press("Escape");
    await details.waitFor({ state: "hidden" });

    // Delete a model, with a confirmation.
    await modelRow(page, "qwen3:0.6b", "Ollama")
      .getByRole("button", { name: "Actions for qwen3:0.6b on Ollama" })
      .click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete this model?" });
    await confirm.getByRole("button", { name: "Delete model" }).click();
    await confirm.waitFor({ state: "hidden" });
    await modelRow(page, "qwen3:0.6b", "Ollama").waitFor({ state: "detached" });
    expect(env.sim.requests.some((r) => r.method === "DELETE" && r.path === "/api/delete")).toBe(true);
    expect(await pickerModels(user.page)).not.toContain("qwen3:0.6b");
  });

  it("reads well in light and dark, wide and narrow", async () => {
    // A model in memory, as after a chat: an empty generate request loads it.
    const load = await fetch(`${env.sim.url}/api/generate`, {
      method: "POST",
      body: JSON.stringify({ model: "llama3.2:3b", stream: false }),
    });
    expect(load.status).toBe(200);
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 375]) {
        const { context, page } = await env.newPage({ viewport: { width, height: 900 }, colorScheme });
        await context.addCookies(await admin.context.cookies());
        await page.goto("/admin/models");
        await page
          .getByRole("list", { name: "Runners" })
          .getByText(/Reachable/)
          .first()
          .waitFor();
        await page.getByRole("list", { name: "Loaded models" }).getByText("llama3.2:3b").waitFor();
        await shoot(page, `page-${colorScheme}-${width}`);
        // The shell scrolls its own main column: the rest of the page, a screen at a time.
        for (const heading of ["Installed models", "Loaded in memory"]) {
          await page.getByRole("heading", { name: heading }).scrollIntoViewIfNeeded();
          await shoot(page, `page-${colorScheme}-${width}-${heading.split(" ")[0]!.toLowerCase()}`);
        }
        await context.close();
      }
    }
  });
});

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}
