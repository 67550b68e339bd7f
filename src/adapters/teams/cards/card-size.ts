/**
 * Teams refuses a bot message above about 100 KB, counted on the message as UTF-16 (two bytes a
 * code unit): "the message size limit is 100 KB … we recommend 80 KB" (Teams bot format
 * documentation). That is about 40 KB of ASCII JSON, half of what 80 KB of UTF-8 suggests.
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;

/**
 * What a card of ours may weigh: the recommended 80 KB, which leaves the activity's envelope
 * (ids, channel data, the summary) and Teams' own additions room under the hard limit.
 */
export const MAX_CARD_BYTES = 80 * 1024;

/** A card's (or a whole activity's) weight as Teams counts it: its JSON in UTF-16 code units × 2. */
export function measureMessageBytes(message: unknown): number {
  const json = typeof message === 'string' ? message : JSON.stringify(message);
  return json.length * 2;
}

/** Whether a card stays under the weight we allow it, with the margin above. */
export function fitsTeamsMessage(card: unknown): boolean {
  return measureMessageBytes(card) <= MAX_CARD_BYTES;
}
