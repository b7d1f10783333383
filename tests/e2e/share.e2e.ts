import pg from "pg";
import { query } from "../support/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signUpOverHttp } from "../support/hearth-server";
import { cspViolations, launchBrowser } from "./browser";
import { expectNoScriptRan, watchForScript, XSS } from "./xss-corpus";
import type { Browser } from "playwright-core";

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
    const watched = await watchForScript(page);
    const res = await page.goto(new URL(new URL(created.url).pathname, base).toString());
    expect(res?.status()).toBe(200);
    expect(res?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
    await page.getByRole("heading", { name: "Hostile <b>title</b>" }).waitFor();
    expect(await page.getByText("bold", { exact: true }).count()).toBeGreaterThan(0);
    await expectNoScriptRan(page, page.locator("main"), watched, violations);
    expect(await page.getByRole("link", { name: "safe link" }).getAttribute("href")).toBe(
      "https://example.com",
    );

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
