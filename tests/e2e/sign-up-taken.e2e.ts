import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signUpOverHttp } from "../support/hearth-server";
import { freshEmail, launchBrowser, newContext, PASSWORD } from "./browser";

/**
 * Sign-up answers a taken email as it answers a new one (no enumeration);
 * the form still tells the person what to do, and gives no session.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("signing up with an email that has an account", () => {
  it("says to sign in instead, stays on the page and signs no one in", async () => {
    const email = freshEmail("taken");
    await signUpOverHttp(inject("baseUrl"), email);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Someone Else");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`${PASSWORD} but another`);
    await page.getByRole("button", { name: "Create account" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /already exists\. Sign in instead/i });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe("/signup");
    expect((await page.request.get("/api/me")).status()).toBe(401);
    await context.close();
  });
});
