/** French messages of team formation ("former les équipes"). */
export const formationFr = {
  'formation.title': 'Formation des équipes — {programme}',
  'formation.summary':
    '{teams} équipes de {min} à {max} personnes · équipe la moins bien notée : {worst}/100 · moyenne : {mean}/100 · tirage n° {seed}',
  'formation.teamHeader': '{name} — {score}/100',
  'formation.member': '{name} — {organisation} ({branch})',
  'formation.locked': '🔒 {name}',
  'formation.facilitators': 'Facilitateurs : {names}',
  'formation.facilitator': '{name} ({organisation})',
  'formation.noFacilitators': 'Aucun facilitateur : ajoutez-en dans le fichier du programme.',
  'formation.edit': 'Modifier la proposition',
  'formation.person': 'Personne',
  'formation.other': 'Échanger avec',
  'formation.team': 'Déplacer vers',
  'formation.action.swap': 'Échanger',
  'formation.action.move': 'Déplacer',
  'formation.action.lock': 'Verrouiller / déverrouiller',
  'formation.action.regenerate': 'Autre tirage',
  'formation.action.dryRun': 'Voir ce qui sera créé',
  'formation.action.confirm': 'Confirmer les équipes',
  'formation.swapped': 'Échange fait : {a} et {b}.',
  'formation.moved': '{name} rejoint l’équipe « {team} ».',
  'formation.lockedNow': '{name} restera dans son équipe lors des prochains tirages.',
  'formation.unlockedNow': '{name} peut de nouveau changer d’équipe.',
  'formation.refused': 'Modification refusée : {reason}',
  'formation.refusal.unknown-person': 'choisissez une personne de la liste.',
  'formation.refusal.unknown-team': 'choisissez une équipe de la liste.',
  'formation.refusal.same-team': 'ces personnes sont déjà dans la même équipe.',
  'formation.infeasible': 'Impossible de former les équipes avec ces règles :',
  'formation.noParticipants':
    'Aucun participant retenu pour le programme « {programme} » : acceptez des candidatures avant de former les équipes.',
  'formation.noProgramme':
    'Aucun programme enregistré : importez-en un avec « labbot programme import ».',
  'formation.forbidden': 'La formation des équipes est réservée à l’équipe du Lab.',
  'formation.teamMode':
    'Programme en mode équipe : chaque équipe candidate devient une équipe du programme ({teams} équipes).',
  'formation.teamMode.ownOrganisation':
    '{facilitator} ({organisation}) suit l’équipe « {team} », de son propre organisme : les autres facilitateurs ne suffisent pas pour toutes les équipes. Ajoutez au fichier du programme des facilitateurs d’autres organismes.',
  'formation.dryRun.title': 'Ce qui sera créé pour le programme « {programme} »',
  'formation.dryRun.channel': 'Canal « {name} » : {status}',
  'formation.dryRun.thread': 'Fil « {name} » dans le canal Général de l’équipe Teams',
  'formation.status.would-create': 'sera créé',
  'formation.status.reused': 'existe déjà, sera réutilisé',
  'formation.status.created': 'créé',
  'formation.status.failed': 'échec ({error})',
  'formation.status.refused': 'refusé, fil dans le canal Général à la place',
  'formation.graphRefused':
    'Microsoft Graph ne laisse pas l’application gérer les canaux de cette équipe : l’autorisation {permission} n’a pas été accordée. Les équipes sans canal ont un fil dans le canal Général. Pour leur donner un canal, un propriétaire de l’équipe réinstalle l’application en acceptant ses autorisations, puis confirmez à nouveau.',
  'formation.graphRefusedOther':
    'Microsoft Graph a refusé de créer les canaux ({error}) : les équipes sans canal ont un fil dans le canal Général. Vérifiez teamsGroupId dans le fichier du programme, puis confirmez à nouveau.',
  'formation.noGraph':
    'Les canaux ne peuvent pas être créés sans accès à Microsoft Graph : chaque équipe aura un fil dans le canal Général.',
  'formation.noProgrammeTeam':
    'Le programme « {programme} » ne nomme pas son équipe Teams : ajoutez son identifiant (teamsTeamId, le « threadId » du lien de l’équipe) au fichier du programme, installez-y le bot, puis confirmez à nouveau. Rien n’a été créé.',
  'formation.noTeamInstalled':
    'Le bot n’est pas installé dans l’équipe Teams du programme « {programme} » ({team}) : ajoutez-le à cette équipe et ouvrez son canal Général, puis confirmez à nouveau. Rien n’a été créé ni envoyé.',
  'formation.confirmed.title': 'Équipes confirmées — {programme}',
  'formation.confirmed.summary':
    '{teams} équipes enregistrées ; messages de bienvenue en cours d’envoi.',
  'formation.progress': 'Messages de bienvenue — {programme}',
  'formation.welcome.title': 'Bienvenue dans l’équipe « {team} » !',
  'formation.welcome.intro': 'Programme « {programme} ». Voici votre équipe :',
  'formation.welcome.lead': 'Référent ou référente : {name}',
  'formation.welcome.next': 'Prochaine échéance : {milestone}, le {date}',
  'formation.member.title': 'Vous êtes dans l’équipe « {team} »',
  'formation.member.body':
    'Programme « {programme} ». Vos facilitateurs : {facilitators}. Retrouvez votre équipe dans son espace Teams.',
  'formation.member.open': 'Ouvrir l’espace de l’équipe',
  'formation.confirming':
    'La confirmation des équipes du programme « {programme} » est déjà en cours : son résumé arrive ici dans un instant.',
  'formation.alreadyConfirmed.title': 'Équipes déjà confirmées — {programme}',
  'formation.alreadyConfirmed.body':
    'Les {teams} équipes sont confirmées et leurs membres prévenus : rien n’a changé. Pour déplacer quelqu’un, modifiez les équipes confirmées ; seules les personnes qui changent d’équipe seront prévenues.',
  'formation.alreadyConfirmed.teamMode':
    'Les {teams} équipes sont confirmées et leurs membres prévenus : rien n’a changé. En mode équipe, chaque équipe reste telle que son organisme l’a proposée.',
  'formation.change.teamMode':
    'Les équipes du programme « {programme} » restent telles que leurs organismes les ont proposées : en mode équipe, le bot ne déplace personne d’une équipe à l’autre.',
  'formation.action.change': 'Modifier les équipes confirmées',
  'formation.notConfirmed':
    'Les équipes du programme « {programme} » ne sont pas encore confirmées : tapez « former les équipes ».',
  'formation.change.started':
    'Modification des équipes confirmées : échangez ou déplacez, regardez ce qui change, puis confirmez. Seules les personnes qui changent d’équipe seront prévenues.',
  'formation.change.dryRunTitle': 'Ce qui changera pour le programme « {programme} »',
  'formation.change.undelivered':
    '{count} message(s) n’ont pas pu partir : le bot n’a encore aucune conversation avec ces personnes. Les équipes sont bien modifiées.',
  'formation.change.doneTitle': 'Équipes modifiées — {programme}',
  'formation.change.none': 'Personne ne change d’équipe : rien à faire.',
  'formation.change.moves': '{name} : de {from} vers {to}',
  'formation.change.joins': '{name} rejoint {to}',
  'formation.change.told':
    'Prévenues : les {people} personnes concernées (carte personnelle) et les espaces des équipes qu’elles quittent ou rejoignent.',
  'formation.changed.title': 'Changement dans l’équipe « {team} »',
  'formation.changed.arrivals': 'Arrivée : {names}',
  'formation.changed.departures': 'Départ : {names}',
  'formation.page.label': 'Équipes {from} à {to} sur {total} (page {page} sur {pages})',
  'formation.page.previous': 'Équipes précédentes',
  'formation.page.next': 'Équipes suivantes',
  'formation.overview.rulesHeld':
    'Règles strictes respectées dans toutes les équipes (tailles, collègues séparés, facilitateurs).',
  'formation.overview.rulesBroken': 'Règles strictes non respectées : {count}.',
  'formation.overview.lowest': 'Équipes à regarder d’abord : {teams}',
  'formation.picker': '{name} — {organisation}',
  'formation.ask.title': 'Confirmer les équipes du programme « {programme} » ?',
  'formation.ask.body':
    '{teams} équipes, {people} personnes : chaque équipe aura son espace (canal, ou fil du canal Général) avec un message de bienvenue, et chaque personne un message personnel avec son équipe.',
  'formation.ask.after':
    'Ensuite, seul « Modifier les équipes confirmées » change les équipes, en prévenant les personnes déplacées.',
  'formation.ask.changeTitle': 'Appliquer les changements d’équipe du programme « {programme} » ?',
  'formation.ask.change':
    'Les personnes qui changent d’équipe et les espaces des équipes qu’elles quittent ou rejoignent seront prévenus.',
  'formation.action.back': 'Revenir à la proposition',
  'formation.unnamed': 'personne sans nom connu',
  'formation.search.label': 'Trouver une personne (nom ou partie du nom)',
  'formation.search.action': 'Trouver la personne',
  'formation.search.found': '{name} est dans {team}.',
  'formation.search.foundMore':
    '{name} est dans {team} ; {count} autre(s) personne(s) correspondent, précisez le nom.',
  'formation.search.none': 'Personne ne correspond à « {search} ».',
} as const;
