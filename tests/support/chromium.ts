import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium: Playwright's own download cannot reach this machine. */
export const CHROMIUM = "/usr/bin/chromium";

/** Debian's Chromium, headless, with nothing that reaches out to the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // No --user-data-dir: Playwright gives every launch a fresh profile of its own.
    ],
  });
}
