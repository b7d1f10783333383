import type { Browser, BrowserContext } from "playwright-core";
import { inject } from "vitest";

export { launchChromium as launchBrowser } from "../support/chromium";

export async function newContext(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: "light" | "dark" } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: inject("baseUrl"),
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? "light",
  });
}

let counter = 0;
/** A fresh address per test, so tests never share an account. */
export function freshEmail(label: string): string {
  return `${label}-${process.pid}-${++counter}-${Date.now()}@example.com`;
}

export const PASSWORD = "a long enough passphrase";

/** Collects the page's Content-Security-Policy violations, as Chromium reports them in the console. */
export function cspViolations(page: import("playwright-core").Page): string[] {
  const seen: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) seen.push(msg.text());
  });
  return seen;
}
