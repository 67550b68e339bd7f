import type { ValidationIssue } from '../validation/validation-issue';
import { MAX_SESSION_PARTICIPANTS, type SessionStatus } from './session-request';

/**
 * Beyond the 60 seats, people wait in line, first come first served. A waitlist as long as the
 * session itself: a request that needs more has to be rethought with the Lab, not queued.
 */
export const MAX_WAITLIST = 60;

/** Everyone a request may list at once: the seats and the waitlist. */
export const MAX_LISTED_PARTICIPANTS = MAX_SESSION_PARTICIPANTS + MAX_WAITLIST;

/** Participants are proposed while the session is being asked for or prepared. */
export const PARTICIPANT_STATUSES: readonly SessionStatus[] = [
  'requested',
  'qualification',
  'preparation',
  'postponed',
];

/** Longest name accepted for a participant (a badge holds far less). */
export const MAX_PARTICIPANT_NAME = 120;
/** Longest e-mail address (RFC 5321's path limit is 256; 200 is what the request form allows). */
export const MAX_PARTICIPANT_EMAIL = 200;

/** An address as people type it: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
/** An Entra object id, as the Teams people picker returns it. */
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person proposed for a session. Internal people come from the Teams people picker (Entra id)
 * or by e-mail; external guests by name and e-mail: they are not in Teams, so the bot counts and
 * lists them but never writes to them.
 */
export interface SessionParticipant {
  id: string;
  requestId: string;
  /** First come first served: the order people were added in, across everyone who adds. */
  position: number;
  kind: 'internal' | 'external';
  aadId: string | null;
  email: string | null;
  /** As typed or as Teams knows them; may be '' for a picked person the bot never met. */
  name: string;
  addedBy: string;
  addedAt: Date;
}

/** A participant to add; the store gives it its position. */
export type NewParticipant = Omit<SessionParticipant, 'requestId' | 'position'>;

/** The seats (the first 60 by position) and the waitlist (everyone after), both in order. */
export function placeParticipants(participants: readonly SessionParticipant[]): {
  seated: SessionParticipant[];
  waitlist: SessionParticipant[];
} {
  const ordered = [...participants].sort((a, b) => a.position - b.position);
  return {
    seated: ordered.slice(0, MAX_SESSION_PARTICIPANTS),
    waitlist: ordered.slice(MAX_SESSION_PARTICIPANTS),
  };
}

/** True when the two entries are the same person (same Entra id, or same address). */
export function isSamePerson(
  a: Pick<SessionParticipant, 'aadId' | 'email'>,
  b: Pick<SessionParticipant, 'aadId' | 'email'>,
): boolean {
  if (a.aadId !== null && b.aadId !== null && a.aadId.toLowerCase() === b.aadId.toLowerCase()) {
    return true;
  }
  return a.email !== null && b.email !== null && a.email.toLowerCase() === b.email.toLowerCase();
}

/** One line of a list typed on the card: a name (maybe empty) and an address. */
export interface ParsedLine {
  name: string;
  email: string;
}

/**
 * Reads a list typed one person a line: "Prénom Nom <adresse>", "Prénom Nom, adresse",
 * "Prénom Nom ; adresse" or the address alone. Each wrong line is an issue naming its line;
 * `nameRequired` (external guests: the bot cannot look them up) makes a missing name one too.
 */
export function parseParticipantLines(
  field: string,
  raw: unknown,
  options: { nameRequired: boolean; maxLines: number },
): { lines: ParsedLine[]; issues: ValidationIssue[] } {
  if (raw === undefined || raw === null || raw === '') return { lines: [], issues: [] };
  if (typeof raw !== 'string') {
    return { lines: [], issues: [{ path: [field], code: 'expectedText', params: {} }] };
  }
  const rows = raw
    .split(/\r?\n/)
    .map((row) => row.trim())
    .filter((row) => row !== '');
  if (rows.length > options.maxLines) {
    return {
      lines: [],
      issues: [{ path: [field], code: 'max', params: { max: options.maxLines } }],
    };
  }
  const lines: ParsedLine[] = [];
  const issues: ValidationIssue[] = [];
  rows.forEach((row, index) => {
    const line = index + 1;
    const angle = /^(.*)<([^<>]*)>\s*$/.exec(row);
    const split = angle === null ? /^(.*)[,;]\s*([^,;]+)$/.exec(row) : null;
    const name = (angle?.[1] ?? split?.[1] ?? '').trim().replace(/^["']|["']$/g, '');
    const email = (angle?.[2] ?? split?.[2] ?? row).trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > MAX_PARTICIPANT_EMAIL) {
      issues.push({
        path: [field, line],
        code: 'email',
        params: { line, value: row.slice(0, 80) },
      });
    } else if (name.length > MAX_PARTICIPANT_NAME) {
      issues.push({
        path: [field, line],
        code: 'tooLong',
        params: { line, max: MAX_PARTICIPANT_NAME },
      });
    } else if (options.nameRequired && name === '') {
      issues.push({ path: [field, line], code: 'required', params: { line } });
    } else {
      lines.push({ name, email });
    }
  });
  return { lines, issues };
}

/** The Entra ids the people picker sent (comma-separated); anything else is an issue. */
export function parsePickedIds(
  field: string,
  raw: unknown,
  maxIds: number,
): { ids: string[]; issues: ValidationIssue[] } {
  if (raw === undefined || raw === null || raw === '') return { ids: [], issues: [] };
  if (typeof raw !== 'string') {
    return { ids: [], issues: [{ path: [field], code: 'expectedText', params: {} }] };
  }
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length > maxIds) {
    return { ids: [], issues: [{ path: [field], code: 'max', params: { max: maxIds } }] };
  }
  const wrong = ids.find((id) => !ENTRA_ID.test(id));
  if (wrong !== undefined) {
    return {
      ids: [],
      issues: [{ path: [field], code: 'identifier', params: { value: wrong.slice(0, 40) } }],
    };
  }
  return { ids: [...new Map(ids.map((id) => [id.toLowerCase(), id])).values()], issues: [] };
}

/**
 * The first name a badge shows ("chacun vient avec son prénom sans son grade ni sa fonction",
 * seed 003). Directory names come as "Prénom Nom", "NOM Prénom", "Nom, Prénom" or with a unit in
 * brackets: the unit goes, a surname written in capitals goes, and the first word left is kept.
 */
export function toFirstName(name: string): string {
  let text = name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').trim();
  const comma = text.indexOf(',');
  if (comma >= 0) text = text.slice(comma + 1).trim() || text.slice(0, comma).trim();
  const words = text.split(/\s+/).filter((word) => word !== '');
  const shouted = (word: string) =>
    word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
  const kept = words.filter((word) => !shouted(word));
  return (kept[0] ?? words[0] ?? '').slice(0, 40);
}

/** Who is in the session: internal and external counts, and the organisations, largest first. */
export interface ParticipantMix {
  internal: number;
  external: number;
  /** An organisation's name, or the address's domain when no organisation owns it. */
  organisations: { label: string; count: number }[];
  /** Picked people whose address the bot does not know: their organisation cannot be told. */
  unknownOrganisation: number;
}

/** The mix of the seated participants, each organisation found from the e-mail's domain. */
export function describeMix(
  seated: readonly SessionParticipant[],
  organisationOf: (email: string) => string | undefined,
): ParticipantMix {
  const counts = new Map<string, number>();
  let unknown = 0;
  for (const person of seated) {
    const email = person.email;
    if (email === null) {
      unknown += 1;
      continue;
    }
    const label = organisationOf(email) ?? email.split('@')[1] ?? email;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return {
    internal: seated.filter((p) => p.kind === 'internal').length,
    external: seated.filter((p) => p.kind === 'external').length,
    organisations: [...counts]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    unknownOrganisation: unknown,
  };
}
