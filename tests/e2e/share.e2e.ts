import pg from "pg";
import { query } from "../support/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signUpOverHttp } from "../support/hearth-server";
import { cspViolations, launchBrowser } from "./browser";
import type { Browser } from "playwright-core";

/** Hostile text, as a user might type it or a model might answer it. */
const XSS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `[click me](javascript:window.__xss='link')`,
  "```html onload=alert(1)\n<script>window.__xss='fence'</script>\n```",
  `<script>window.__xss='script'</script>`,
].join("\n\n");

let browser: Browser;
let base: string;
let cookie: string;
let chatId: string;

const sql = <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) =>
  query<T>(inject("databaseUrl"), text, values);

beforeAll(async () => {
  base = inject("baseUrl");
  cookie = await signUpOverHttp(base, `sharer-${Date.now()}@example.com`);
  const chat = await (
    await fetch(`${base}/api/chats`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: JSON.stringify({ model: "llama3.2:3b" }),
    })
  ).json();
  chatId = chat.id;
  await sql(`UPDATE chat SET title = 'Hostile <b>title</b>' WHERE id = $1`, [chatId]);
  const [q] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, role, content) VALUES ($1, 'user', $2) RETURNING id`,
    [chatId, XSS],
  );
  const [a] = await sql<{ id: string }>(
    `INSERT INTO message (chat_id, parent_id, role, content) VALUES ($1, $2, 'assistant', $3) RETURNING id`,
    [chatId, q!.id, `Here is **bold** and a [safe link](https://example.com).\n\n${XSS}`],
  );
  await sql(`UPDATE chat SET current_leaf_id = $2 WHERE id = $1`, [chatId, a!.id]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("a shared chat", () => {
  it("opens signed out, read only, not indexed, runs no script, and stops when revoked", async () => {
    const created = await (
      await fetch(`${base}/api/chats/${chatId}/shares`, { method: "POST", headers: { origin: base, cookie } })
    ).json();
    const context = await browser.newContext(); // no cookies: a stranger with the link
    const page = await context.newPage();
    const violations = cspViolations(page);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const res = await page.goto(new URL(new URL(created.url).pathname, base).toString());
    expect(res?.status()).toBe(200);
    expect(res?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
    await page.getByRole("heading", { name: "Hostile <b>title</b>" }).waitFor();
    expect(await page.getByText("bold", { exact: true }).count()).toBeGreaterThan(0);

    // Try to trigger whatever might have slipped through.
    await page
      .getByText("click me")
      .first()
      .click({ trial: false })
      .catch(() => {});
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    expect(await page.locator("main img, main svg[onload], main iframe, main script").count()).toBe(0);
    const hrefs = await page
      .locator("main a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((h) => h.startsWith("javascript:"))).toBe(false);
    const safe = page.getByRole("link", { name: "safe link" });
    expect(await safe.getAttribute("rel")).toMatch(/noopener/);
    expect(await safe.getAttribute("rel")).toMatch(/noreferrer/);

    const del = await fetch(`${base}/api/shares/${created.id}`, {
      method: "DELETE",
      headers: { origin: base, cookie },
    });
    expect(del.status).toBe(204);
    const gone = await page.goto(new URL(new URL(created.url).pathname, base).toString());
    expect(gone?.status()).toBe(404);
    await context.close();
  });
});
