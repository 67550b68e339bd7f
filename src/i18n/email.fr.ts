/** French words of the e-mails that stand in for Teams messages, and of their status and digest lines. */
export const emailFr = {
  'email.why.teams-unreachable':
    'Le bot Lab Innovation n’a pas pu vous joindre dans Microsoft Teams : voici son message par courriel.',
  'email.why.no-teams-route':
    'Le bot Lab Innovation n’a pas pu vous joindre dans Microsoft Teams : voici son message par courriel.',
  'email.why.not-on-teams':
    'Votre organisation n’utilise pas encore Microsoft Teams : le Lab Innovation vous écrit par courriel.',
  'email.openInTeams': 'Ouvrir le Lab Innovation dans Teams',
  'email.actInTeams':
    'Pour répondre ou utiliser les boutons de ce message, ouvrez le bot Lab Innovation dans Microsoft Teams :',
  'email.footer':
    'Courriel envoyé automatiquement par le Lab Innovation depuis sa boîte aux lettres ; une réponse à ce courriel n’est pas lue par le bot.',
  'status.email': 'Relais par courriel',
  'status.email.on':
    'actif : les messages que Teams ne peut pas remettre partent par courriel depuis {sender}',
  'status.email.noGraph': 'inactif : Microsoft Graph n’est pas configuré',
  'status.email.noSender': 'inactif : aucune boîte aux lettres d’envoi (GRAPH_MAIL_SENDER)',
  'digest.reach.summary':
    'Messages de la semaine : {teams} remis dans Teams, {email} par courriel, {none} à personne.',
  'digest.reach.byEmail': 'par courriel ({cause})',
  'digest.reach.unreached': 'non joint : {reason} ({cause})',
  'digest.reach.more': 'Et {count} autres.',
  'digest.reach.reason.fallback-off': 'relais par courriel inactif',
  'digest.reach.reason.no-address': 'adresse électronique inconnue',
  'digest.reach.reason.graph-refused': 'courriel refusé par Microsoft Graph',
  'digest.reach.reason.interrupted': 'envoi du courriel interrompu',
  'digest.reach.reason.cancelled': 'données effacées à sa demande',
  'digest.reach.cause.teams-unreachable': 'Teams a refusé le message',
  'digest.reach.cause.no-teams-route': 'aucun moyen de le joindre dans Teams',
  'digest.reach.cause.not-on-teams': 'organisation pas encore sur Teams',
} as const;
