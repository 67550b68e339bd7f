import type { Programme } from '../programmes/programme';

/** The organisation's name in the programme, or its id when unknown. */
export function getOrganisationName(programme: Programme, organisationId: string): string {
  return programme.organisations.find((o) => o.id === organisationId)?.name ?? organisationId;
}
