import type { Organisation } from '../core/programmes/programme';
import catalogue from './organisations.json';

/** Organisations a programme file may name by id alone (the social-security bodies of the seed articles). */
export const KNOWN_ORGANISATIONS = catalogue.organisations as Organisation[];
