/** French message catalogue: the reference language; every other catalogue has exactly these keys. */
export const fr = {
  'help.title': 'Lab Innovation : ce que je peux faire pour vous',
  'help.intro':
    'Tapez une commande ou utilisez un bouton. Je réponds en français ou en anglais selon la langue de Teams.',
  'help.intro.lab':
    'Vous faites partie de l’équipe du Lab : vous avez aussi accès aux commandes d’organisation.',
  'help.channelHint':
    'Dans un canal d’équipe, mentionnez-moi (@Lab Innovation) pour que je réponde.',
  'help.topic.help.command': 'aide',
  'help.topic.help.description': 'Affiche cette carte.',
  'help.topic.profile.command': 'mes informations',
  'help.topic.profile.description':
    'Ce que le bot sait de vous : rôle, langue, fuseau horaire utilisé pour vos rappels.',
  'help.topic.programmes.command': 'programmes',
  'help.topic.programmes.description':
    'Les programmes du Lab, leur étape actuelle et la prochaine échéance.',
  'help.topic.status.command': 'état',
  'help.topic.status.description':
    'État du bot : base de données, installations dans Teams, version.',
  'action.help': 'Aide',
  'action.profile': 'Mes informations',
  'action.programmes': 'Programmes',
  'action.status': 'État du bot',
  'profile.title': 'Vos informations',
  'profile.roles': 'Rôle',
  'profile.language': 'Langue',
  'profile.timezone': 'Fuseau horaire',
  'profile.timezoneUnknown': 'inconnu (Europe/Paris sera utilisé)',
  'profile.note':
    'Vos rappels sont envoyés à l’heure locale de ce fuseau horaire, mis à jour à chaque message.',
  'language.fr': 'français',
  'language.en': 'anglais',
  'role.lab': 'équipe du Lab',
  'role.committee': 'membre du comité de sélection',
  'role.facilitator': 'facilitateur',
  'role.lead': 'référent d’équipe',
  'role.participant': 'participant',
  'role.staff': 'collaborateur',
  'programmes.title': 'Programmes du Lab',
  'programmes.none': 'Aucun programme n’est enregistré pour le moment.',
  'programmes.phase': 'Étape : {phase}',
  'programmes.next': 'Prochaine échéance : {milestone}, le {date}',
  'programmes.seats': '{seats} places, {organisations} organismes',
  'phase.upcoming': 'à venir',
  'phase.call-open': 'appel à candidatures ouvert',
  'phase.selection': 'sélection',
  'phase.kick-off': 'lancement des équipes',
  'phase.hackathon': 'hackathon',
  'phase.follow-up': 'suivi des expérimentations',
  'phase.ended': 'terminé',
  'milestone.candidacyOpen': 'ouverture des candidatures',
  'milestone.candidacyClose': 'clôture des candidatures',
  'milestone.selectionCommittee': 'comité de sélection',
  'milestone.kickOff': 'journée de lancement',
  'milestone.hackathonStart': 'début du hackathon',
  'milestone.hackathonEnd': 'fin du hackathon',
  'milestone.followUpStart': 'début du suivi mensuel',
  'milestone.decemberReview': 'bilan de décembre',
  'milestone.marchReview': 'bilan de mars',
  'milestone.end': 'fin du programme',
  'status.title': 'État du bot',
  'status.database': 'Base de données',
  'status.databaseOk': '{dialect}, répond',
  'status.databaseDown': '{dialect}, ne répond pas',
  'status.installations': 'Installations actives',
  'status.installationsValue':
    '{personal} conversations personnelles, {channel} canaux d’équipe, {groupChat} conversations de groupe',
  'status.version': 'Version',
  'status.forbidden': 'Cette commande est réservée à l’équipe du Lab.',
  'error.generic':
    'Désolé, je n’ai pas pu traiter votre demande. Réessayez dans un instant ; si le problème continue, prévenez l’équipe du Lab.',
} as const;

/** The keys every catalogue provides. */
export type MessageKey = keyof typeof fr;
