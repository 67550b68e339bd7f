import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './playground-chat';

/**
 * The mock team of the Agents Playground ("Teams Channel" in its left pane), used as a person
 * uses it: open a channel, read the posts in it, pick a value in a card's ChoiceSet.
 */
export class PlaygroundTeam {
  constructor(
    readonly page: Page,
    /** The team's name in the mock data, e.g. "Défi du Lab 2026". */
    readonly teamName: string,
  ) {}

  /**
   * Opens one of the team's channels. The first time a channel of the team is shown, the
   * Playground (channel msteams) tells the bot it was added to the team: an installationUpdate
   * and a conversationUpdate with the bot in membersAdded and channelData.team, for that channel.
   */
  async openChannel(channelName: string): Promise<void> {
    // The tree item's accessible name is "<team> - <channel>".
    await this.page
      .getByRole('treeitem', { name: `${this.teamName} - ${channelName}`, exact: true })
      .click({ timeout: UI_TIMEOUT_MS });
    await this.page
      .getByText('Start a new post', { exact: true })
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Posts of the open channel whose card heading is exactly `title`, newest first (as shown). */
  posts(title: string): Locator {
    return this.page
      .getByRole('group')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  /** Waits for a post titled `title` in the open channel and returns it. */
  async waitForPost(title: string): Promise<Locator> {
    const post = this.posts(title).first();
    await post.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return post;
  }
}

/**
 * Picks `option` in the card's ChoiceSet labelled `label`. The Playground renders a ChoiceSet as
 * a Fluent UI combobox that opens a listbox of options; its chevron button carries the same
 * label, hence the role in the query.
 */
export async function pickChoice(
  page: Page,
  card: Locator,
  label: string,
  option: string,
): Promise<void> {
  const input = card.getByRole('combobox', { name: label, exact: true });
  await input.click({ timeout: UI_TIMEOUT_MS });
  const listbox = page.getByRole('listbox');
  await listbox
    .getByRole('option', { name: option, exact: true })
    .click({ timeout: UI_TIMEOUT_MS });
  await listbox.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  const chosen = await input.inputValue();
  if (chosen !== option) throw new Error(`"${label}" shows "${chosen}" after picking "${option}"`);
}
