import type { Organisation } from '../core/programmes/programme';
import { organisationSchema } from '../core/programmes/validate-programme';
import catalogue from './organisations.json';

/**
 * Organisations a programme file may name by id alone (the social-security bodies of the seed
 * articles), checked at load like the organisations a programme file describes: a holiday
 * calendar the bot does not know, or a time zone that does not exist, stops the bot at start.
 */
export const KNOWN_ORGANISATIONS: readonly Organisation[] = catalogue.organisations.map((entry) =>
  organisationSchema.parse(entry),
);
