import { z } from 'zod';
import type { TeamFormationInput, TeamFormationLanguage } from './team-formation';

/** A checked input, with warnings about fields that were ignored; or every problem found, as sentences. */
export type ParsedTeamFormationInput =
  { ok: true; input: TeamFormationInput; warnings: string[] } | { ok: false; problems: string[] };

// Exports (spreadsheets, HR tools) often write null for an empty optional cell.
const optionalText = z
  .string()
  .min(1)
  .nullish()
  .transform((value) => value ?? undefined);
const text = z.string().min(1);

// People and facilitators may carry more fields (name, e-mail…): they are ignored, not refused.
const personSchema = z.object({
  id: text,
  organisation: text,
  branch: text,
  role: optionalText,
  region: optionalText,
  themes: z
    .array(text)
    .nullish()
    .transform((value) => value ?? undefined),
  attributes: z
    .record(z.string())
    .nullish()
    .transform((value) => value ?? undefined),
});

const inputSchema = z.object({
  people: z.array(personSchema).min(1),
  teamCount: z.number().int().min(1),
  minSize: z.number().int().min(1),
  maxSize: z.number().int().min(1),
  facilitators: z.array(z.object({ id: text, organisation: text })).optional(),
  locked: z.array(z.object({ person: text, team: z.number().int().min(0) })).optional(),
  apart: z.array(z.tuple([text, text])).optional(),
  noIsolation: text.optional(),
  organisations: z.array(z.object({ id: text, name: text })).optional(),
});

const KNOWN_FIELDS = new Set(Object.keys(inputSchema.shape));

/**
 * Checks a parsed JSON value against the `labbot teams form` input contract, then the references
 * between its parts (unknown people in locks and pairs, duplicates, team numbers out of range).
 * Every problem names the field, e.g. `locked[2].person: unknown person "p99"`.
 */
export function parseTeamFormationInput(
  raw: unknown,
  language: TeamFormationLanguage,
): ParsedTeamFormationInput {
  const say = (fr: string, en: string): string => (language === 'fr' ? fr : en);
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => describeIssue(issue, say)) };
  }
  const data = parsed.data;
  const problems: string[] = [];
  const warnings: string[] = [];
  if (typeof raw === 'object' && raw !== null) {
    for (const field of Object.keys(raw)) {
      if (!KNOWN_FIELDS.has(field)) {
        warnings.push(say(`champ inconnu « ${field} » ignoré`, `unknown field "${field}" ignored`));
      }
    }
  }

  if (data.minSize > data.maxSize) {
    problems.push(
      say(
        `minSize (${data.minSize}) est plus grand que maxSize (${data.maxSize})`,
        `minSize (${data.minSize}) is larger than maxSize (${data.maxSize})`,
      ),
    );
  }
  const firstIndex = new Map<string, number>();
  data.people.forEach((person, index) => {
    const earlier = firstIndex.get(person.id);
    if (earlier === undefined) firstIndex.set(person.id, index);
    else {
      problems.push(
        say(
          `people[${index}].id : « ${person.id} » apparaît déjà en people[${earlier}]`,
          `people[${index}].id: "${person.id}" already appears at people[${earlier}]`,
        ),
      );
    }
    const themes = person.themes ?? [];
    const repeated = themes.find((theme, rank) => themes.indexOf(theme) !== rank);
    if (repeated !== undefined) {
      problems.push(
        say(
          `people[${index}].themes : « ${repeated} » apparaît deux fois`,
          `people[${index}].themes: "${repeated}" appears twice`,
        ),
      );
    }
  });
  const unknownPerson = (where: string, id: string): void => {
    if (firstIndex.has(id)) return;
    problems.push(
      say(`${where} : personne inconnue « ${id} »`, `${where}: unknown person "${id}"`),
    );
  };

  const facilitatorIndex = new Map<string, number>();
  (data.facilitators ?? []).forEach((facilitator, index) => {
    const where = `facilitators[${index}].id`;
    const earlier = facilitatorIndex.get(facilitator.id);
    if (earlier !== undefined) {
      problems.push(
        say(
          `${where} : « ${facilitator.id} » apparaît déjà en facilitators[${earlier}]`,
          `${where}: "${facilitator.id}" already appears at facilitators[${earlier}]`,
        ),
      );
    } else facilitatorIndex.set(facilitator.id, index);
    if (firstIndex.has(facilitator.id)) {
      problems.push(
        say(
          `${where} : « ${facilitator.id} » est aussi un participant`,
          `${where}: "${facilitator.id}" is also a participant`,
        ),
      );
    }
  });

  (data.locked ?? []).forEach((lock, index) => {
    unknownPerson(`locked[${index}].person`, lock.person);
    if (lock.team >= data.teamCount) {
      problems.push(
        say(
          `locked[${index}].team : ${lock.team} n'existe pas ; avec ${data.teamCount} équipes, « team » va de 0 à ${data.teamCount - 1}`,
          `locked[${index}].team: ${lock.team} does not exist; with ${data.teamCount} teams, "team" goes from 0 to ${data.teamCount - 1}`,
        ),
      );
    }
  });
  (data.apart ?? []).forEach(([a, b], index) => {
    unknownPerson(`apart[${index}][0]`, a);
    unknownPerson(`apart[${index}][1]`, b);
    if (a === b) {
      problems.push(
        say(
          `apart[${index}] : « ${a} » ne peut pas être séparé de lui-même`,
          `apart[${index}]: "${a}" cannot be kept apart from themself`,
        ),
      );
    }
  });

  if (problems.length > 0) return { ok: false, problems };
  if (
    data.noIsolation !== undefined &&
    !data.people.some((person) => hasAttribute(person, data.noIsolation!))
  ) {
    warnings.push(
      say(
        `noIsolation : aucun participant n'a l'attribut « ${data.noIsolation} », la règle est ignorée`,
        `noIsolation: no participant has the attribute "${data.noIsolation}", so the rule is ignored`,
      ),
    );
  }
  return { ok: true, input: withoutUndefined(data), warnings };
}

function hasAttribute(person: z.infer<typeof personSchema>, attribute: string): boolean {
  if (['branch', 'organisation'].includes(attribute)) return true;
  if (attribute === 'role') return person.role !== undefined;
  if (attribute === 'region') return person.region !== undefined;
  return person.attributes?.[attribute] !== undefined;
}

// Optional fields that were absent or null are dropped, so the engine's output does not depend on
// how the file spelled "nothing".
function withoutUndefined(data: z.infer<typeof inputSchema>): TeamFormationInput {
  return JSON.parse(JSON.stringify(data)) as TeamFormationInput;
}

function describeIssue(issue: z.ZodIssue, say: (fr: string, en: string) => string): string {
  const where = issue.path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
  const field = where === '' ? say('le fichier', 'the file') : where;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') {
        return say(`${field} : champ obligatoire manquant`, `${field}: required field is missing`);
      }
      if (issue.expected === 'integer') {
        return say(`${field} : doit être un nombre entier`, `${field}: must be a whole number`);
      }
      return say(
        `${field} : attendu ${nameOfType(issue.expected, 'fr')}, trouvé ${nameOfType(issue.received, 'fr')}`,
        `${field}: expected ${nameOfType(issue.expected, 'en')}, found ${nameOfType(issue.received, 'en')}`,
      );
    case 'too_small':
      if (issue.type === 'string') {
        return say(`${field} : ne doit pas être vide`, `${field}: must not be empty`);
      }
      if (issue.type === 'array') {
        return say(
          `${field} : doit contenir au moins ${Number(issue.minimum)} élément(s)`,
          `${field}: must hold at least ${Number(issue.minimum)} item(s)`,
        );
      }
      return say(
        `${field} : doit valoir au moins ${Number(issue.minimum)}`,
        `${field}: must be at least ${Number(issue.minimum)}`,
      );
    case 'too_big':
      return say(
        `${field} : doit contenir exactement 2 personnes`,
        `${field}: must hold exactly 2 people`,
      );
    default:
      return `${field}: ${issue.message}`;
  }
}

function nameOfType(type: string, language: TeamFormationLanguage): string {
  const fr: Record<string, string> = {
    string: 'un texte',
    number: 'un nombre',
    array: 'une liste',
    object: 'un objet',
    boolean: 'un booléen',
    null: 'null',
  };
  const en: Record<string, string> = {
    string: 'text',
    number: 'a number',
    array: 'a list',
    object: 'an object',
    boolean: 'a boolean',
    null: 'null',
  };
  return (language === 'fr' ? fr : en)[type] ?? type;
}
