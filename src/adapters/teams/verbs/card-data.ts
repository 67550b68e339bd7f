import { z } from 'zod';

/**
 * Ids the bot writes into its own cards (programme, team, candidacy) are short; a longer one is
 * not from a card of ours.
 */
export const MAX_ID_LENGTH = 200;

/** An id the card carries (a programme's, a team's, a candidacy's). */
export const cardId = z.string().min(1).max(MAX_ID_LENGTH);

/** An id a card may leave out; absent and empty mean "the one that applies". */
export const optionalCardId = z.string().max(MAX_ID_LENGTH).optional();

/** A calendar month, YYYY-MM. */
export const cardMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** A calendar day as an Input.Date sends it, YYYY-MM-DD; empty when left blank. */
export const cardDay = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);

/** A page number a card sends as a number or as text; anything else is refused. */
export const cardPage = z
  .union([z.number().int().min(0).max(100_000), z.string().regex(/^\d{1,5}$/)])
  .transform(Number)
  .optional();

/**
 * A card's data with the fields its verb names checked, and the card's own inputs kept as they
 * came: the use case validates those, field by field, with errors under each input.
 */
export function withInputs<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).passthrough();
}

/** The revision of an answer a card showed (0: none yet), as a number or as text. */
export const cardRevision = z
  .union([z.number().int().min(0).max(1_000_000), z.string().regex(/^\d{1,7}$/)])
  .transform(Number)
  .optional();
