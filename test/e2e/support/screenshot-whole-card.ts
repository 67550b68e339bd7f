import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './start-e2e-stack';

/** Room around the chat pane: the Playground's header above it, the message box below it. */
const CHROME_HEIGHT_PX = 320;

/**
 * Saves a screenshot of the whole card as test-results/<name>.png, copies it to each of `copies`,
 * and returns its path. A form card is taller than the window and the chat pane scrolls inside
 * the page, so a plain element screenshot would catch the header over it: the window is made
 * tall enough for the card for the shot, then given back its size.
 */
export async function screenshotWholeCard(
  page: Page,
  card: Locator,
  name: string,
  copies: string[] = [],
): Promise<string> {
  const path = join(RESULTS_DIR, `${name}.png`);
  const original = page.viewportSize();
  const cardHeight = (await card.boundingBox())?.height ?? 0;
  if (original !== null) {
    await page.setViewportSize({
      width: original.width,
      height: Math.max(original.height, Math.ceil(cardHeight) + CHROME_HEIGHT_PX),
    });
  }
  try {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path, animations: 'disabled' });
  } finally {
    if (original !== null) await page.setViewportSize(original);
  }
  for (const copy of copies) {
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(path, copy);
  }
  return path;
}
