import type { Person } from '../people/role';
import type { Programme } from '../programmes/programme';
import { getCommitteeMember } from './committee';

/**
 * What a person may see of a programme's candidacies: the Lab team sees all; a committee member
 * sees all but their own organisation's; anyone else sees none.
 */
export type ViewerScope =
  { kind: 'lab' } | { kind: 'committee'; organisationId: string } | { kind: 'none' };

/** The viewer's scope for a programme; the Lab team wins over committee membership. */
export function getViewerScope(programme: Programme, viewer: Person): ViewerScope {
  if (viewer.roles.has('lab')) return { kind: 'lab' };
  const member = getCommitteeMember(programme, viewer.aadId);
  return member === undefined
    ? { kind: 'none' }
    : { kind: 'committee', organisationId: member.organisationId };
}
