import axe from "axe-core";
import type { Page } from "playwright-core";

/** WCAG 2.1 A and AA: what every page of Hearth promises. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export type ColorScheme = "light" | "dark";

export interface ScanOptions {
  /**
   * Scan only what this selector matches: for an open modal dialog or menu,
   * which hides the page behind it from screen readers while keeping focus in
   * itself (axe would report the hidden page's links as `aria-hidden-focus`).
   * The page itself is scanned closed.
   */
  within?: string;
}

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** Each element that fails, and why (for contrast: the two colours and the ratio). */
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now, in its current colour scheme, and
 * returns the serious and critical violations. axe is evaluated through the
 * DevTools protocol, so the page's nonce CSP neither blocks it nor reports it.
 */
export async function scanPage(page: Page, { within }: ScanOptions = {}): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    ({ tags, within }) =>
      window.axe.run(within ? { include: [within] } : document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    { tags: TAGS, within },
  );
  return results.violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ""))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => {
        const why = [...n.any, ...n.all, ...n.none].map((c) => c.message).find(Boolean);
        return `${n.target.join(" ")}${why ? `: ${why}` : ""}`;
      }),
    }));
}

export function describeViolations(where: string, violations: Violation[]): string {
  return [
    `${violations.length} serious or critical accessibility violation(s) on ${where}:`,
    ...violations.map(
      (v) => `  ${v.rule} (${v.impact}): ${v.help}\n    ${v.targets.join("\n    ")}\n    ${v.helpUrl}`,
    ),
  ].join("\n");
}

/**
 * Waits for the page's finite animations and transitions (a toast sliding in)
 * to end: axe would measure a half-faded colour. Spinners that never end are skipped.
 */
async function settle(page: Page) {
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 3_000)),
    ]),
  );
}

/** Emulates a colour scheme and waits until the page (theme "system") has switched to it. */
async function showIn(page: Page, scheme: ColorScheme): Promise<boolean> {
  await page.emulateMedia({ colorScheme: scheme });
  try {
    await page.waitForFunction(
      (dark) => document.documentElement.classList.contains("dark") === dark,
      scheme === "dark",
      { timeout: 2_000 },
    );
    return true;
  } catch {
    return false; // a theme chosen in the app wins over the system's; scan what it shows
  }
}

/**
 * Fails with every serious or critical WCAG 2.1 A/AA violation on the page,
 * scanned in light and in dark (the rule, where, and how to fix it). The page
 * is left in the colour scheme it had.
 */
export async function expectAccessible(
  page: Page,
  label = new URL(page.url()).pathname,
  options: ScanOptions = {},
) {
  const original = await page.evaluate(() =>
    document.documentElement.classList.contains("dark") ? "dark" : "light",
  );
  const found: string[] = [];
  for (const scheme of [original, original === "dark" ? "light" : "dark"] as const) {
    const switched = scheme === original || (await showIn(page, scheme));
    if (!switched) continue;
    await settle(page);
    const violations = await scanPage(page, options);
    if (violations.length) found.push(describeViolations(`${label} (${scheme})`, violations));
  }
  await showIn(page, original);
  if (found.length) throw new Error(found.join("\n"));
}

const scanned = new Set<string>();

/**
 * `expectAccessible` once per kind of page in this test file: page objects call
 * it on every page they reach, and repeats of a kind cost nothing.
 */
export async function expectAccessibleOnce(page: Page, kind: string, options: ScanOptions = {}) {
  if (scanned.has(kind)) return;
  scanned.add(kind);
  await expectAccessible(page, kind, options);
}
