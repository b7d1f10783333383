import type { Locator, Page } from "playwright-core";

/** The sidebar: the chat list, each chat's options menu, the account menu. */
export class Sidebar {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("complementary", { name: "Sidebar" });
  }

  /** A chat's row in the list, found by its id. */
  chat(chatId: string): Locator {
    return this.root.locator(`li:has(a[href="/c/${chatId}"])`);
  }

  /** Opens a chat row's menu (Rename, Delete…). */
  async openOptions(row: Locator) {
    await row.hover();
    await row.getByRole("button", { name: /^Options for / }).click();
  }

  async openAccountMenu() {
    await this.page.getByRole("button", { name: /account menu/i }).click();
  }
}
