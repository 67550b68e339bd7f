/** French messages of personal data ("mes données", "effacer mes données"). */
export const personalDataFr = {
  'personalData.title': 'Vos données',
  'personalData.intro':
    'Ce que le bot conserve sur vous, par catégorie, et combien de temps. Base légale : mission de service public. Destinataires : l’équipe du Lab et, selon votre rôle, le comité de sélection, les facilitateurs et votre manager.',
  'personalData.count': '{count} élément(s) · {retention}',
  'personalData.category.profile': 'Profil et références Teams',
  'personalData.category.candidacies': 'Candidatures et brouillons',
  'personalData.category.endorsements': 'Avis de manager donnés',
  'personalData.category.scores': 'Notes et commentaires de comité',
  'personalData.category.teams': 'Équipes',
  'personalData.category.followUp': 'Réponses aux points mensuels et aux revues',
  'personalData.category.absences': 'Absences',
  'personalData.category.labSessions': 'Sessions du Lab demandées, facilitées ou débriefées',
  'personalData.category.messages': 'Messages envoyés par le bot',
  'personalData.category.audit': 'Journal d’audit',
  'personalData.retention.draftsUntilClose': 'brouillons supprimés à la clôture de l’appel',
  'personalData.retention.unselectedCandidacies':
    'supprimées {months} mois après le comité si non retenues',
  'personalData.retention.participants': 'pseudonymisées {months} mois après la fin du programme',
  'personalData.retention.outboxPayloads': 'contenu vidé {days} jours après l’envoi',
  'personalData.retention.exportTokens': 'liens de téléchargement supprimés après {days} jour',
  'personalData.retention.uninstalledConversations':
    'supprimées {days} jours après la désinstallation du bot',
  'personalData.retention.whileUsed': 'tant que vous utilisez le bot',
  'personalData.retention.auditTrail': 'conservé comme preuve, pseudonymisé si vous êtes effacé',
  'personalData.notice': 'Notice d’information',
  'personalData.download': 'Télécharger mes données (ZIP)',
  'personalData.erase': 'Effacer mes données',
  'personalData.link.title': 'Vos données, à télécharger',
  'personalData.link.body':
    'Un fichier ZIP avec vos données en JSON (complet) et en Excel (lisible). Ce lien est personnel, utilisable une seule fois, jusqu’à {time}.',
  'personalData.link.button': 'Télécharger le ZIP',
  'personalData.confirm.title': 'Effacer vos données ?',
  'personalData.confirm.body':
    'Votre profil, vos brouillons, vos absences et vos références Teams seront supprimés. Vos candidatures, notes et réponses restent dans les décomptes sous un pseudonyme, sans votre nom, votre adresse ni vos textes. Les messages prévus pour vous sont annulés. C’est définitif.',
  'personalData.confirm.yes': 'Oui, effacer définitivement',
  'personalData.erased':
    'Vos données ont été effacées. Vous apparaissez désormais comme « {pseudonym} » dans les décomptes du Lab.',
  'personalData.nothing': 'Le bot ne conservait rien sur vous : il n’y avait rien à effacer.',
  'personalData.pending.title': 'Votre demande d’effacement est transmise à l’équipe du Lab',
  'personalData.pending.body':
    'Vous participez à un programme en cours jusqu’au {day} ({programmes}). L’équipe du Lab décide d’effacer vos données maintenant ou de les garder jusque-là ; nous vous préviendrons. Au plus tard, elles seront effacées automatiquement le lendemain de cette date.',
  'personalData.request.title': 'Demande d’effacement de données',
  'personalData.request.body':
    '{name} demande l’effacement de ses données et participe à un programme en cours jusqu’au {day} ({programmes}). « Effacer maintenant » la retire des équipes et des envois ; « Garder » repousse l’effacement au lendemain de la fin du programme (la personne en est informée).',
  'personalData.request.someone': 'Une personne',
  'personalData.request.erase': 'Effacer maintenant',
  'personalData.request.defer': 'Garder jusqu’à la fin du programme',
  'personalData.decided.erased':
    'Données effacées : la personne apparaît désormais comme « {pseudonym} ».',
  'personalData.decided.deferred':
    'Effacement repoussé au lendemain du {day} ; la personne en est informée.',
  'personalData.decided.alreadyDecided': 'Cette demande a déjà été traitée : rien n’a changé.',
  'personalData.decided.notFound': 'Cette demande d’effacement n’existe pas : rien n’a changé.',
  'personalData.decided.forbidden':
    'Seule l’équipe du Lab décide des demandes d’effacement : rien n’a changé.',
  'personalData.deferred.title': 'Vos données sont gardées jusqu’à la fin du programme',
  'personalData.deferred.body':
    'L’équipe du Lab garde vos données jusqu’au {day}, fin du programme ; elles seront effacées automatiquement le lendemain.',
  'personalData.digest.heading': 'Données personnelles',
  'personalData.digest.purged': 'Purgées cette semaine',
  'personalData.digest.rows': '{count} ligne(s) supprimée(s) ou pseudonymisée(s)',
  'personalData.digest.due.drafts': 'Brouillons supprimés le',
  'personalData.digest.due.unselected': 'Candidatures non retenues supprimées le',
  'personalData.digest.due.participants': 'Données des participants pseudonymisées le',
} as const;
