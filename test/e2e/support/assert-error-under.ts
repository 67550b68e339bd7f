import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';

/** How far under its input a field's error may sit and still read as that field's. */
export const ERROR_GAP_MAX_PX = 24;

/**
 * Asserts that `error` is shown right under the input labelled `label` on the card. Both boxes
 * are measured in the same frame: the chat may scroll between two separate measurements.
 */
export async function assertErrorUnder(card: Locator, label: string, error: string): Promise<void> {
  const input = await card.getByLabel(label, { exact: true }).elementHandle();
  const message = await card.getByText(error, { exact: true }).elementHandle();
  assert.ok(input !== null && message !== null, `"${label}" and "${error}" are on the card`);
  const gap = await card
    .page()
    .evaluate(
      ([field, text]) => text!.getBoundingClientRect().top - field!.getBoundingClientRect().bottom,
      [input, message] as const,
    );
  assert.ok(gap >= 0 && gap <= ERROR_GAP_MAX_PX, `"${error}" is ${gap} px under "${label}"`);
}
