import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './start-e2e-stack';

/** How long a person would wait for the bot before calling it broken (card replies take < 1 s here). */
export const UI_TIMEOUT_MS = 30_000;

/** The Agents Playground page, used the way a person uses it: chat list, message box, cards. */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  /** The message box (a Lexical editor). */
  get messageBox(): Locator {
    return this.page.locator('[data-lexical-editor="true"]');
  }

  /** Opens the Playground and the personal chat with the bot. */
  async openPersonalChat(url: string): Promise<void> {
    await this.page.goto(url);
    const personalChat = this.page.getByRole('treeitem', { name: 'Personal Chat', exact: true });
    await personalChat.click({ timeout: UI_TIMEOUT_MS });
    await this.messageBox.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Types `text` in the message box and presses Enter; resolves when the message shows in the chat. */
  async send(text: string): Promise<void> {
    const sentBefore = await this.sentMessages(text).count();
    await this.messageBox.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.sentMessages(text).nth(sentBefore).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** Messages of the chat whose whole text is `text` (what the person sent). */
  sentMessages(text: string): Locator {
    return this.page.locator('span').filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
  }

  /** Rendered Adaptive Cards whose heading is exactly `title`, oldest first. */
  cards(title: string): Locator {
    return this.page
      .locator('.ac-adaptiveCard')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  /** Waits until there are more than `countBefore` cards titled `title`, and returns the newest one. */
  async waitForNewCard(title: string, countBefore: number): Promise<Locator> {
    const card = this.cards(title).nth(countBefore);
    await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return card;
  }

  /** Waits until exactly `count` cards are titled `title` (e.g. after one was replaced in place). */
  async waitForCardCount(title: string, count: number): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let current = await this.cards(title).count();
    while (current !== count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} card(s) titled "${title}", found ${current}`);
      }
      await this.page.waitForTimeout(100);
      current = await this.cards(title).count();
    }
  }

  /** Saves a screenshot of `target` (a card, or the whole page) as test-results/<name>.png. */
  async screenshot(name: string, target: Locator | Page = this.page): Promise<string> {
    const path = join(RESULTS_DIR, `${name}.png`);
    await target.screenshot({ path });
    return path;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
