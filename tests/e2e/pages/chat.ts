import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectAccessibleOnce } from "./accessibility";

/** The chat page: the model menu, the composer and the conversation. */
export class ChatPage {
  constructor(readonly page: Page) {}

  get composer(): Locator {
    return this.page.getByLabel("Message Hearth");
  }

  get conversation(): Locator {
    return this.page.getByRole("log", { name: "Conversation" });
  }

  /** The n-th message of the conversation (0: the first question). */
  message(n: number): Locator {
    return this.conversation.getByRole("article").nth(n);
  }

  async pickModel(model: string) {
    await expectAccessibleOnce(this.page, "new chat");
    const picker = this.page.getByRole("button", { name: /^Model:/ });
    await picker.click();
    await this.page.getByRole("menuitemradio", { name: model }).click();
    await expect.poll(() => picker.textContent()).toContain(model);
  }

  /** Types a message and presses Enter, as a person sends one. */
  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** Waits for the answer (or question) to reach `status`; a complete one is scanned for accessibility. */
  async waitStatus(message: Locator, status: string, timeout = 30_000) {
    await expect.poll(() => message.getAttribute("data-status"), { timeout }).toBe(status);
    if (status === "complete") await expectAccessibleOnce(this.page, "chat with messages");
  }

  waitComplete(message: Locator) {
    return this.waitStatus(message, "complete");
  }
}

/** A chat's title as the server has it (after a rename, or once a title was generated). */
export async function chatTitleOnServer(page: Page, chatId: string): Promise<string> {
  const res = await page.request.get(`/api/chats/${chatId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { chat: { title: string } }).chat.title;
}

/** What a message shows of its text (the Markdown, without headings or buttons). */
export async function shownText(message: Locator): Promise<string> {
  const content = message.locator('[data-slot="markdown"]');
  return (await content.count()) === 0 ? "" : content.last().innerText();
}
