import type { Locator } from 'playwright-core';

/**
 * The "…" button under which the Adaptive Cards renderer of the Agents Playground puts a card's
 * secondary actions (`mode: "secondary"`); its accessible name is the renderer's
 * `overflowButtonTooltip`, "More options".
 */
export const OVERFLOW_BUTTON = 'More options';

/** Opens a card's "…" menu and clicks one of its actions, as a person would. */
export async function clickSecondaryAction(card: Locator, title: string): Promise<void> {
  await card.getByRole('button', { name: OVERFLOW_BUTTON, exact: true }).click();
  // The menu is a popup drawn outside the card, with one menuitem per action.
  await card.page().getByRole('menuitem', { name: title, exact: true }).click();
}
