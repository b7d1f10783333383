import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshEmail } from "./browser";
import { expectAccessibleOnce, signUp } from "./pages";
import { startSimulatedHearth, type SimulatedHearth } from "./simulated-hearth";

/**
 * An admin pulls a model from the simulator and watches the bar reach 100%,
 * reloading midway; then a user finds the model in their picker. Also leaves
 * screenshots of the panel mid-pull and finished, light and dark, wide and narrow.
 */
const SCREENS = "/work/screens/pulls";
let env: SimulatedHearth;
let admin: BrowserContext;

beforeAll(async () => {
  env = await startSimulatedHearth("admin-pulls");
});

afterAll(() => env?.stop());

const bar = (page: Page, model: string): Locator => page.getByRole("progressbar", { name: model });
const valueOf = async (progress: Locator) => Number(await progress.getAttribute("aria-valuenow"));

async function startPullFrom(page: Page, model: string) {
  const res = await page.request.post("/api/admin/pulls", {
    headers: { origin: new URL(page.url()).origin },
    data: { runnerId: "default", model },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

it("pulls a model with a live bar that survives a reload, then every user can pick it", async () => {
  const opened = await env.newPage();
  admin = opened.context;
  const page = opened.page;
  // The first account on a fresh server is its admin.
  await signUp(page, { email: freshEmail("pull-admin"), name: "Ada Admin" });

  env.sim.setFaults({ pullDurationMs: 25_000 });
  await page.goto("/admin/models");
  await page.getByText("No pulls yet").waitFor();
  await page.getByLabel("Model name").fill("gemma3:1b");
  await page.getByRole("button", { name: "Pull", exact: true }).click();

  const progress = bar(page, "gemma3:1b");
  await expect.poll(() => valueOf(progress), { timeout: 15_000 }).toBeGreaterThan(5);
  await expect.poll(() => page.getByText(/ of [\d.]+ (MB|GB) · /).count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByText(/^pulling [0-9a-f]{12}$/).count()).toBe(1);
  await expectAccessibleOnce(page, "model pull running");

  // A reload midway: the job runs on the server; the page picks up where it is.
  const before = await valueOf(progress);
  await page.reload();
  await expect.poll(() => valueOf(bar(page, "gemma3:1b")), { timeout: 5_000 }).toBeGreaterThanOrEqual(before);
  expect(await valueOf(bar(page, "gemma3:1b"))).toBeLessThan(100);
  // Speed and time left, once two updates have come in.
  await expect.poll(() => page.getByText(/\/s · .* left/).count(), { timeout: 15_000 }).toBe(1);

  await expect.poll(() => valueOf(bar(page, "gemma3:1b")), { timeout: 40_000 }).toBe(100);
  await page.getByText("Completed").waitFor();
  await page.getByText("gemma3:1b is ready to use.").waitFor();

  // A user, on their own: the model is in the picker without any restart.
  const { context: userContext, page: userPage } = await env.newPage();
  await signUp(userPage, { email: freshEmail("pull-user"), name: "Uma User" });
  await userPage.getByRole("button", { name: /^Model:/ }).click();
  await userPage.getByRole("menuitemradio", { name: /gemma3:1b/ }).waitFor();
  await userContext.close();
}, 120_000);

it("leaves screenshots of the panel mid-pull and finished", async () => {
  const page = await admin.newPage();
  await page.goto("/admin/models");
  const failed = await startPullFrom(page, "doesnotexist:7b");
  env.sim.setFaults({ pullDurationMs: 120_000 });
  await startPullFrom(page, "qwen3:8b");
  const state = await admin.storageState();

  async function shoot(name: string, check: (page: Page) => Promise<void>) {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 375]) {
        const context = await env.browser.newContext({
          baseURL: env.server.base.replace("127.0.0.1", "localhost"),
          storageState: state,
          colorScheme,
          viewport: { width, height: 900 },
        });
        const shot = await context.newPage();
        await shot.goto("/admin/models");
        await check(shot);
        await shot.screenshot({ path: `${SCREENS}/${name}-${colorScheme}-${width}.png`, fullPage: true });
        await context.close();
      }
    }
  }

  await shoot("mid-pull", async (shot) => {
    await expect.poll(() => valueOf(bar(shot, "qwen3:8b")), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot.getByText("pull model manifest: file does not exist").waitFor();
  });
  expect(failed).toBeTruthy();

  // Cancel from the panel: the job stops on the server and offers Retry.
  await page.reload();
  await page.getByRole("button", { name: "Cancel the pull of qwen3:8b" }).click();
  await page.getByRole("button", { name: "Retry the pull of qwen3:8b" }).waitFor({ timeout: 5_000 });
  await page.getByText("Cancelled", { exact: true }).waitFor();
  await shoot("finished", async (shot) => {
    await shot.getByText("Cancelled", { exact: true }).waitFor();
    await shot.getByText("Completed", { exact: true }).waitFor();
  });
  await page.close();
}, 180_000);
