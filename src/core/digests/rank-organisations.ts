import { getOrganisationName, type Programme } from '../programmes/programme';
import type { OrganisationCount } from './digest';

/**
 * Names counted organisations and sorts them, most first; ties keep the programme's order, and
 * organisations the programme no longer lists come last. Zero counts are dropped.
 */
export function rankOrganisations(
  programme: Programme,
  counts: readonly { organisationId: string; count: number }[],
): OrganisationCount[] {
  const position = new Map(programme.organisations.map((o, index) => [o.id, index]));
  const order = (id: string): number => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  return counts
    .filter((c) => c.count > 0)
    .map((c) => ({
      organisationId: c.organisationId,
      name: getOrganisationName(programme, c.organisationId),
      count: c.count,
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        order(a.organisationId) - order(b.organisationId) ||
        a.organisationId.localeCompare(b.organisationId),
    );
}
