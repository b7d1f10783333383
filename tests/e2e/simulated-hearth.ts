import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { inject } from "vitest";
import { startHearthServer, type HearthServer } from "../support/hearth-server";
import { startOllamaSim, type OllamaSim } from "../support/ollama-sim";
import { createTestDatabase } from "../support/pg-harness";
import { launchBrowser } from "./browser";
import { signUp } from "./pages/auth";

export interface SimulatedHearth {
  sim: OllamaSim;
  server: HearthServer;
  browser: Browser;
  /** The server's own database, for tests that set up data a person would take hours to make. */
  databaseUrl: string;
  /** A fresh browser context (no cookies) on this server, reached as localhost, and a page in it. */
  newPage: (options?: BrowserContextOptions) => Promise<{ context: BrowserContext; page: Page }>;
  stop: () => Promise<void>;
}

/**
 * A production Hearth of its own, on a fresh database, with the Ollama
 * simulator behind it and Chromium in front: for e2e files that chat.
 * `env` adds to (or overrides) the server's environment, e.g. SIGNUP_POLICY.
 */
export async function startSimulatedHearth(
  label: string,
  options: { env?: Record<string, string> } = {},
): Promise<SimulatedHearth> {
  const sim = await startOllamaSim();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hearth-${label}-e2e-`));
  const databaseUrl = await createTestDatabase(inject("pgAdminUrl"));
  const server = await startHearthServer({
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      OLLAMA_BASE_URL: sim.url,
      LOG_LEVEL: "warn",
      ...options.env,
    },
  });
  const browser = await launchBrowser();
  return {
    sim,
    server,
    browser,
    databaseUrl,
    newPage: async (options = {}) => {
      const context = await browser.newContext({
        // Reached by the name a person would use, as in the other e2e tests.
        baseURL: server.base.replace("127.0.0.1", "localhost"),
        viewport: { width: 1280, height: 800 },
        ...options,
      });
      return { context, page: await context.newPage() };
    },
    stop: async () => {
      await browser.close();
      await server.stop();
      await sim.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up through the form and waits for the new-chat page (`signUp` in pages/auth). */
export function signUpInBrowser(page: Page, email: string, name: string) {
  return signUp(page, { email, name });
}
