import { MILESTONE_ORDER } from './programme';

/** Field ids of the "nouveau programme" form, named after the programme file's fields. */
export const PROGRAMME_FORM_FIELDS = [
  'id',
  'name',
  'theme',
  'description',
  'intake.mode',
  'intake.minTeamSize',
  'capacity.seats',
  'capacity.maxPerOrganisation',
  'organisations',
  'themes',
  ...MILESTONE_ORDER.map((name) => `milestones.${name}`),
] as const;

/** Lower-case ASCII words joined by hyphens, for theme ids derived from their labels. */
export function toSlug(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * Turns the form's text values into the shape of a programme file, so the one validation of
 * programme files (dates in order, known organisations, capacities) also checks the form. Numbers
 * that are not numbers stay text, so validation names them rather than guessing.
 */
export function toProgrammeInput(
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const text = (id: string): string => (values[id] ?? '').trim();
  const number = (id: string): unknown => {
    const value = text(id);
    return value === '' ? undefined : /^-?\d+$/.test(value) ? Number(value) : value;
  };
  const mode = text('intake.mode');
  const intake: Record<string, unknown> = { mode };
  if (mode === 'team' && number('intake.minTeamSize') !== undefined) {
    intake.minTeamSize = number('intake.minTeamSize');
  }
  return {
    id: text('id'),
    name: text('name'),
    theme: text('theme'),
    description: text('description'),
    intake,
    capacity: {
      seats: number('capacity.seats'),
      maxPerOrganisation: number('capacity.maxPerOrganisation'),
    },
    organisations: text('organisations')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
    themes: text('themes')
      .split('\n')
      .map((label) => label.trim())
      .filter((label) => label !== '')
      .map((label) => ({ id: toSlug(label), label })),
    milestones: Object.fromEntries(
      MILESTONE_ORDER.map((name) => [name, text(`milestones.${name}`)]),
    ),
  };
}

/** The form field an issue of the programme validation belongs to. */
export function toFormField(path: readonly (string | number)[]): string {
  const [first, second] = path;
  if (first === 'intake' || first === 'capacity' || first === 'milestones') {
    return typeof second === 'string' ? `${first}.${second}` : String(first);
  }
  return String(first ?? '');
}
