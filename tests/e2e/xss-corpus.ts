import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/**
 * Hostile text, as a user might type it or a model might answer it. Every
 * payload that ran would set `window.__xss`; a dialog or a CSP violation
 * would show one that was merely blocked.
 */
export const XSS_PAYLOADS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `[click me](javascript:window.__xss='link')`,
  `[and me](JaVaScRiPt:window.__xss='mixed-case')`,
  `<a href="javascript:window.__xss='raw-a'">raw link</a>`,
  `![picture](javascript:window.__xss='image')`,
  "```html onload=alert(1)\n<script>window.__xss='fence'</script>\n```",
  '```"><img src=x onerror="window.__xss=\'fence-language\'">\nplain\n```',
  `<script>window.__xss='script'</script>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">`,
  `$\\href{javascript:window.__xss='tex'}{tex link}$`,
];

export const XSS = XSS_PAYLOADS.join("\n\n");

/** Records dialogs and the page's own `securitypolicyviolation` events; call before the page loads. */
export async function watchForScript(page: Page): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    window.__cspEvents = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspEvents.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return { dialogs };
}

/**
 * Asserts that nothing of the corpus ran or was even tried within `scope`:
 * no side effect on window, no dialog, no CSP violation, no element or
 * attribute of the payloads in the DOM, links safe.
 */
export async function expectNoScriptRan(
  page: Page,
  scope: Locator,
  watched: { dialogs: string[] },
  consoleViolations: string[],
) {
  // Try to trigger whatever might have slipped through.
  for (const name of ["click me", "and me", "raw link", "tex link"]) {
    await scope
      .getByText(name)
      .first()
      .click({ timeout: 1000 })
      .catch(() => {});
  }
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(watched.dialogs).toEqual([]);
  expect(consoleViolations).toEqual([]);
  expect(await page.evaluate(() => window.__cspEvents)).toEqual([]);
  expect(await scope.locator("img, iframe, script, object, embed, svg[onload], math style").count()).toBe(0);
  expect(await page.locator("[onerror], [onload], [srcdoc]").count()).toBe(0);
  const links = await scope
    .locator("a")
    .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", rel: a.getAttribute("rel") })));
  for (const link of links) {
    expect(link.href.trim().toLowerCase().startsWith("javascript:"), link.href).toBe(false);
    if (!link.href.startsWith("#")) expect(link.rel).toBe("noopener noreferrer");
  }
}
