/** French messages of the team spaces in Teams (members added to the programme's team). */
export const teamSpacesFr = {
  'teamSpaces.members':
    'Équipe Teams du programme : {added} personnes ajoutées, {already} déjà membres.',
  'teamSpaces.refused':
    'Microsoft Graph ne laisse pas l’application ajouter des membres à l’équipe Teams du programme : l’autorisation {permission} n’a pas été accordée ({count} personnes non ajoutées). Un administrateur l’accorde (voir docs/graph.md), puis confirmez à nouveau ou ajoutez-les à la main.',
  'teamSpaces.failed': 'Ajout à l’équipe Teams impossible pour {name} ({reason}).',
  'teamSpaces.failedMore': 'Et {count} autres personnes non ajoutées.',
  'teamSpaces.reason.not-found':
    'compte inconnu, désactivé ou bloqué ; pour une personne d’une autre organisation, invitez-la d’abord comme invitée',
  'teamSpaces.reason.error': 'erreur de Microsoft Graph : {detail}',
} as const;
