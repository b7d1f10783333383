import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchBrowser, newContext } from "./browser";

/**
 * A real violation in Chromium reaches Hearth's report endpoint and becomes
 * one warning in the server's log, with the directive and no secrets.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(() => browser?.close());

function violationLines(): Array<{ level: number; msg: string; csp: Record<string, string> }> {
  return fs
    .readFileSync(inject("serverLog"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"content security policy violation"'))
    .map((line) => JSON.parse(line));
}

it("names the Reporting API endpoint too on pages served over HTTPS (behind a TLS proxy)", async () => {
  const res = await fetch(new URL("/login", inject("baseUrl")), {
    headers: { "x-forwarded-proto": "https" },
  });
  expect(res.headers.get("reporting-endpoints")).toBe('csp-endpoint="/api/csp-report"');
  expect(res.headers.get("content-security-policy")).toMatch(
    /report-uri \/api\/csp-report; report-to csp-endpoint$/,
  );
});

it("reports an inline event handler the policy blocked, and the server logs it without the query", async () => {
  const before = violationLines().length;
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto("/login?next=%2Fc%2Fsecret-query-value");
  // Plain HTTP: report-uri only, which Chromium would ignore beside a report-to it cannot use here.
  expect(res?.headers()["content-security-policy"]).toContain("report-uri /api/csp-report");
  expect(res?.headers()["content-security-policy"]).not.toContain("report-to");
  expect(res?.headers()["reporting-endpoints"]).toBeUndefined();

  const blocked = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), {
          once: true,
        }),
      ),
  );
  // As if something had slipped markup into the page: the policy blocks its handler and says so.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img src="/no-such-image" onerror="window.__injected = true">`,
    ),
  );
  expect(await blocked).toBe("script-src-attr");
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();

  // The browser posts the report on its own; the server's log shows it.
  await expect
    .poll(() => violationLines().length, { timeout: 30_000, interval: 250 })
    .toBeGreaterThan(before);
  const line = violationLines().at(-1)!;
  expect(line.level).toBe(40); // warn
  expect(line.csp).toMatchObject({
    directive: "script-src-attr",
    blockedUrl: "inline",
    documentUrl: expect.stringMatching(/^http:\/\/localhost:\d+\/login$/),
  });
  expect(JSON.stringify(line)).not.toMatch(/secret-query-value|cookie|session_token/);
  await context.close();
});
