import type { Page } from "playwright-core";
import { PASSWORD } from "../browser";
import { expectAccessibleOnce } from "./accessibility";

/**
 * Fills and sends the sign-up form. Does not wait for where it leads: the
 * caller says what it expects (the new-chat page, an error, a redirect).
 */
export async function fillSignUp(page: Page, { email, name, password = PASSWORD }: Account) {
  if (!/\/signup/.test(page.url())) await page.goto("/signup");
  await expectAccessibleOnce(page, "sign-up page");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export interface Account {
  email: string;
  name: string;
  password?: string;
}

/** Signs up through the form and waits for the new-chat page. */
export async function signUp(page: Page, account: Account) {
  await fillSignUp(page, account);
  await page.waitForURL((url) => url.pathname === "/");
}

/** Fills and sends the sign-in form on the page it is on (or /login). */
export async function fillSignIn(page: Page, { email, password = PASSWORD }: Omit<Account, "name">) {
  if (!/\/login/.test(page.url())) await page.goto("/login");
  await expectAccessibleOnce(page, "sign-in page");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
}
