/** French messages of what the bot does through Microsoft Graph: team spaces, its status. */
export const graphFr = {
  'teamSpaces.members':
    'Équipe Teams du programme : {added} personnes ajoutées, {already} déjà membres.',
  'teamSpaces.refused':
    'Microsoft Graph ne laisse pas l’application ajouter des membres à l’équipe Teams du programme : l’autorisation {permission} n’a pas été accordée ({count} personnes non ajoutées). Un administrateur l’accorde (voir docs/graph.md), puis confirmez à nouveau ou ajoutez-les à la main.',
  'teamSpaces.failed': 'Ajout à l’équipe Teams impossible pour {name} ({reason}).',
  'teamSpaces.failedMore': 'Et {count} autres personnes non ajoutées.',
  'teamSpaces.reason.not-found':
    'compte inconnu, désactivé ou bloqué ; pour une personne d’une autre organisation, invitez-la d’abord comme invitée',
  'teamSpaces.reason.error': 'erreur de Microsoft Graph : {detail}',
  'teamSpaces.retrying':
    '{count} personnes pas encore ajoutées : Microsoft Graph est surchargé ou indisponible pour l’instant. Le bot réessaie toutes les heures, sans ajouter personne deux fois.',
  'status.graph': 'Microsoft Graph',
  'status.graph.none':
    'non configuré : fils dans le canal Général au lieu de canaux, personne ajouté aux équipes Teams, pas d’installation pour qui n’a jamais ouvert le bot',
  'status.graph.on':
    'configuré : canaux d’équipe, ajout des membres à l’équipe Teams du programme ; {installs} (chaque capacité selon l’autorisation accordée, voir docs/graph.md)',
  'status.graph.installs':
    'installation du bot pour qui ne l’a jamais ouvert et recherche par adresse électronique',
  'status.graph.noInstalls': 'pas d’installation pour les personnes (GRAPH_TEAMS_APP_ID absent)',
  'meetings.summary':
    'Réunions dans les agendas (réunions Teams) : {created} créées, {updated} mises à jour, {cancelled} annulées, {unchanged} inchangées.',
  'meetings.refused':
    'Microsoft Graph ne laisse pas l’application écrire dans l’agenda de l’organisateur : l’autorisation {permission} n’a pas été accordée ({count} réunions en attente). Un administrateur l’accorde (voir docs/graph.md) ; le bot réessaie chaque heure.',
  'meetings.failed':
    '{count} réunions n’ont pas pu être mises dans les agendas pour l’instant ; le bot réessaie chaque heure.',
  'meetings.off':
    'Réunions : aucun agenda n’est relié (GRAPH_MEETING_ORGANISER absent) ; elles ne sont pas mises dans les agendas.',
  'status.meetings': 'Réunions',
  'status.meetings.on': 'dans les agendas, organisées par {organiser} (réunions Teams)',
  'status.meetings.off':
    'aucun agenda relié (GRAPH_MEETING_ORGANISER absent) : chaque personne invitée reçoit une carte avec le fichier .ics',
  'meetings.summary.ics':
    'Réunions : aucun agenda n’est relié au bot (GRAPH_MEETING_ORGANISER absent) ; chaque personne invitée reçoit une carte pour ajouter la réunion à son agenda (fichier .ics) : {created} envoyées, {updated} mises à jour, {cancelled} annulées, {unchanged} inchangées.',
  'meetings.invitation.title': 'Réunion : {subject}',
  'meetings.invitation.updated': 'Réunion modifiée : {subject}',
  'meetings.invitation.cancelled': 'Réunion annulée : {subject}',
  'meetings.invitation.body':
    'Aucun agenda n’est relié au bot : ajoutez cette réunion au vôtre avec son fichier .ics (une version plus récente remplace l’ancienne).',
  'meetings.invitation.bodyCancelled':
    'Cette réunion n’a plus lieu. Si vous l’aviez ajoutée à votre agenda, ouvrez ce fichier .ics : il la retire.',
  'meetings.invitation.button': 'Ajouter à mon agenda (.ics)',
  'meetings.link.body':
    'Votre fichier .ics est prêt : lien personnel, valable une fois jusqu’à {time}.',
  'meetings.link.button': 'Télécharger le fichier .ics',
  'meetings.link.unknown': 'Cette réunion est introuvable, ou vous n’y êtes pas invité.',
} as const;
