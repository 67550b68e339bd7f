import type { teamSpacesFr } from './team-spaces.fr';

/** English messages of the team spaces in Teams. */
export const teamSpacesEn: Record<keyof typeof teamSpacesFr, string> = {
  'teamSpaces.members': 'Programme’s Teams team: {added} people added, {already} already members.',
  'teamSpaces.refused':
    'Microsoft Graph does not let the app add members to the programme’s Teams team: the {permission} permission was not granted ({count} people not added). An administrator grants it (see docs/graph.md), then confirm again or add them by hand.',
  'teamSpaces.failed': 'Could not add {name} to the Teams team ({reason}).',
  'teamSpaces.failedMore': 'And {count} more people not added.',
  'teamSpaces.reason.not-found':
    'unknown, disabled or blocked account; for someone from another organisation, invite them as a guest first',
  'teamSpaces.reason.error': 'Microsoft Graph error: {detail}',
};
