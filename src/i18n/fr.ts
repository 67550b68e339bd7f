import { confirmationFr } from './confirmation.fr';
import { candidaciesFr } from './candidacies.fr';
import { deliveryFr } from './delivery.fr';
import { digestFr } from './digest.fr';
import { followUpFr } from './follow-up.fr';
import { formationFr } from './formation.fr';
import { labSessionsFr } from './lab-sessions.fr';
import { programmeWizardFr } from './programme-wizard.fr';
import { personalDataFr } from './personal-data.fr';
import { graphFr } from './graph.fr';
import { emailFr } from './email.fr';

/** French message catalogue: the reference language; every other catalogue has exactly these keys. */
export const fr = {
  'help.title': 'Lab Innovation : ce que je peux faire pour vous',
  'help.intro':
    'Tapez une commande ou utilisez un bouton. Je réponds en français ou en anglais selon la langue de Teams.',
  'help.programme': '« {programme} » ({phase})',
  'help.programmes.one':
    'Programme en cours : {programme}. Les commandes ci-dessous le concernent.',
  'help.programmes.several':
    'Programmes en cours : {programmes}. Quand une commande peut concerner plusieurs programmes, je vous demande lequel.',
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
  'help.topic.apply.command': 'candidater',
  'help.topic.apply.description':
    'Déposer, modifier ou retirer votre candidature à un programme dont l’appel est ouvert.',
  'help.topic.selection.command': 'candidatures',
  'help.topic.selection.description':
    'Suivre les candidatures, les noter, décider et exporter (équipe du Lab et comité de sélection).',
  'help.topic.formation.command': 'former les équipes',
  'help.topic.formation.description':
    'Proposer des équipes mixtes, les ajuster, puis créer leur espace dans Teams.',
  'help.topic.endorse.command': 'avis',
  'help.topic.endorse.description':
    'Donner votre avis de manager sur les candidatures de vos collaborateurs.',
  'help.topic.history.command': 'historique',
  'help.topic.history.description':
    'Les points mensuels passés de votre équipe (membres, facilitateurs, équipe du Lab).',
  'help.topic.myData.command': 'mes données',
  'help.topic.myData.description':
    'Ce que le bot conserve sur vous et combien de temps, à télécharger (ZIP) ou à effacer (« effacer mes données »).',
  'help.topic.absence.command': 'je suis absent jusqu’au JJ/MM',
  'help.topic.absence.description':
    'Suspendre vos rappels jusqu’à votre retour ; « je suis de retour » les reprend.',
  'help.topic.calendar.command': 'calendrier',
  'help.topic.calendar.description': 'Tous les envois prévus dans les 30 prochains jours.',
  'help.topic.digest.command': 'tableau de bord',
  'help.topic.digest.description':
    'Où en sont les programmes : candidatures, sélection, suivi, équipes à aider.',
  'help.topic.newProgramme.command': 'nouveau programme',
  'help.topic.newProgramme.description':
    'Créer un programme avec un formulaire (ou importer un fichier avec labbot).',
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
  'role.programmeLab': 'équipe du Lab d’un programme',
  'programmes.title': 'Programmes du Lab',
  'programmes.none': 'Aucun programme n’est enregistré pour le moment.',
  'programmes.phase': 'Étape : {phase}',
  'programmes.next': 'Prochaine échéance : {milestone}, le {date}',
  'programmes.apply': 'Candidater au programme « {programme} »',
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
  'milestone.followUpStart': 'début des points mensuels',
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
  'validation.required': 'champ obligatoire',
  'search.tooLong': 'Recherche trop longue : quelques lettres du nom suffisent.',
  'input.required': 'Remplissez ce champ : {label}.',
  'validation.expectedText': 'un texte est attendu',
  'validation.expectedNumber': 'un nombre est attendu',
  'validation.expectedList': 'une liste est attendue',
  'validation.expectedObject': 'un bloc de champs est attendu',
  'validation.expectedBoolean': 'true ou false est attendu',
  'validation.integer': 'un nombre entier est attendu',
  'validation.min': 'doit valoir au moins {min}',
  'validation.max': 'doit valoir au plus {max}',
  'validation.tooShort': 'trop court : au moins {min}',
  'validation.tooLong': 'trop long : au plus {max}',
  'validation.choice': 'valeur non reconnue ; valeurs possibles : {allowed}',
  'validation.date': 'date invalide « {value} » : format attendu AAAA-MM-JJ',
  'validation.dateOrder': 'doit tomber le {previousDate} ou après (date de {previous})',
  'validation.unknownOrganisation': 'organisme inconnu « {id} »',
  'validation.duplicate': '« {id} » apparaît deux fois',
  'validation.timezone': 'fuseau horaire inconnu « {value} » (exemple : Europe/Paris)',
  'validation.url': 'adresse web invalide',
  'validation.notYourself': 'c’est votre propre adresse : indiquez celle de votre responsable',
  'validation.organisationMismatch':
    'votre adresse électronique est celle de {organisation} : choisissez votre organisme',
  'validation.email': 'adresse électronique invalide',
  'validation.identifier':
    'identifiant invalide « {value} » : lettres minuscules, chiffres et tirets',
  'validation.unknownField': 'champ inconnu : {fields}',
  'validation.invalid': 'valeur invalide',
  'validation.syntax': 'YAML illisible : {detail}',
  'validation.teamSize':
    'l’équipe compte {count} personnes, référent compris ; il en faut au moins {min}',
  'validation.time': 'heure invalide « {value} » : format attendu HH:MM (exemple : 09:30)',
  'validation.month': 'mois invalide « {value} » : format attendu AAAA-MM',
  'validation.ascending': 'doit être plus grand que la valeur précédente ({previous})',
  'validation.leadNotMember': 'le référent doit faire partie des membres de l’équipe',
  'validation.field': '{field} : {reason}',
  'validation.line': 'ligne {line}',
  'activity.notAvailableHere':
    'Ce bot n’est pas ouvert à votre organisation ou à cette application : rien n’a été lu ni modifié.',
  'programmeChoice.title': 'Quel programme ?',
  'programmeChoice.body':
    'Plusieurs programmes sont concernés. Choisissez-en un : je m’en souviendrai pendant une heure.',
  'programmeChoice.choose': 'Choisir {programme}',
  'verb.forbidden.title': 'Action non autorisée',
  'verb.forbidden': 'Cette action est réservée à d’autres personnes : rien n’a été modifié.',
  'verb.outOfScope':
    'Cette action n’est possible que dans votre conversation personnelle avec le bot : rien n’a été modifié.',
  'verb.invalidData':
    'Les données de cette carte ne sont pas valides ({fields}) : rien n’a été modifié. Reprenez depuis le dernier message du bot.',
  'verb.unknown':
    'Je ne connais pas cette action : la carte vient peut-être d’une ancienne version du bot. Tapez « aide » pour voir ce que je peux faire.',
  'error.generic':
    'Désolé, je n’ai pas pu traiter votre demande. Réessayez dans un instant ; si le problème continue, prévenez l’équipe du Lab.',
  ...formationFr,
  ...graphFr,
  ...emailFr,
  ...followUpFr,
  ...candidaciesFr,
  ...digestFr,
  ...deliveryFr,
  ...programmeWizardFr,
  ...labSessionsFr,
  ...personalDataFr,
  ...confirmationFr,
} as const;

/** The keys every catalogue provides. */
export type MessageKey = keyof typeof fr;
