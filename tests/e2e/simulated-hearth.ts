import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { startHearthServer, type HearthServer } from "../support/hearth-server";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase } from "../support/pg-harness";
import { launchBrowser, PASSWORD } from "./browser";

export interface SimulatedHearth {
  sim: OllamaSim;
  server: HearthServer;
  browser: Browser;
  /** The server's own database, for tests that set up data a person would take hours to make. */
  databaseUrl: string;
  stop: () => Promise<void>;
}

/**
 * A production Hearth of its own, on a fresh database, with the Ollama
 * simulator behind it and Chromium in front: for e2e files that chat.
 */
export async function startSimulatedHearth(label: string): Promise<SimulatedHearth> {
  const sim = await startOllamaSim();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hearth-${label}-e2e-`));
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  const server = await startHearthServer({
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, OLLAMA_BASE_URL: sim.url, LOG_LEVEL: "warn" },
  });
  const browser = await launchBrowser();
  return {
    sim,
    server,
    browser,
    databaseUrl,
    stop: async () => {
      await browser.close();
      await server.stop();
      await sim.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up through the form and waits for the new-chat page. */
export async function signUpInBrowser(page: Page, email: string, name: string) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}
