import { confirmationEn } from './confirmation.en';
import { candidaciesEn } from './candidacies.en';
import { deliveryEn } from './delivery.en';
import { digestEn } from './digest.en';
import { followUpEn } from './follow-up.en';
import { formationEn } from './formation.en';
import { labSessionsEn } from './lab-sessions.en';
import { programmeWizardEn } from './programme-wizard.en';
import { personalDataEn } from './personal-data.en';
import { graphEn } from './graph.en';
import { emailEn } from './email.en';
import type { MessageKey } from './fr';

/** English message catalogue, for users whose Teams language is English. */
export const en: Record<MessageKey, string> = {
  'help.title': 'Lab Innovation: what I can do for you',
  'help.intro':
    'Type a command or use a button. I answer in French or English, following your Teams language.',
  'help.programme': '“{programme}” ({phase})',
  'help.programmes.one': 'Programme under way: {programme}. The commands below concern it.',
  'help.programmes.several':
    'Programmes under way: {programmes}. When a command could concern several programmes, I ask you which one.',
  'help.intro.lab':
    'You are a member of the Lab team: the organiser commands are available to you too.',
  'help.channelHint': 'In a team channel, mention me (@Lab Innovation) so that I answer.',
  'help.topic.help.command': 'help',
  'help.topic.help.description': 'Shows this card.',
  'help.topic.profile.command': 'my information',
  'help.topic.profile.description':
    'What the bot knows about you: role, language, time zone used for your reminders.',
  'help.topic.programmes.command': 'programmes',
  'help.topic.programmes.description':
    'The Lab programmes, where each one stands and what comes next.',
  'help.topic.apply.command': 'apply',
  'help.topic.apply.description':
    'Submit, edit or withdraw your candidacy to a programme whose call is open.',
  'help.topic.selection.command': 'applications',
  'help.topic.selection.description':
    'Follow the candidacies, score them, decide and export (Lab team and selection committee).',
  'help.topic.formation.command': 'form teams',
  'help.topic.formation.description':
    'Propose mixed teams, adjust them, then create their space in Teams.',
  'help.topic.endorse.command': 'endorsements',
  'help.topic.endorse.description': 'Give your opinion as a manager on your staff’s candidacies.',
  'help.topic.history.command': 'history',
  'help.topic.history.description':
    'Your team’s past monthly check-ins (members, facilitators, Lab team).',
  'help.topic.myData.command': 'my data',
  'help.topic.myData.description':
    'What the bot keeps about you and for how long, to download (ZIP) or to erase (“erase my data”).',
  'help.topic.absence.command': 'I am away until DD/MM',
  'help.topic.absence.description':
    'Pause your reminders until you are back; "I am back" resumes them.',
  'help.topic.calendar.command': 'calendar',
  'help.topic.calendar.description': 'Every send planned in the next 30 days.',
  'help.topic.digest.command': 'dashboard',
  'help.topic.digest.description':
    'Where the programmes stand: candidacies, selection, follow-up, teams needing help.',
  'help.topic.newProgramme.command': 'new programme',
  'help.topic.newProgramme.description':
    'Create a programme with a form (or import a file with labbot).',
  'help.topic.status.command': 'status',
  'help.topic.status.description': 'Bot status: database, installations in Teams, version.',
  'action.help': 'Help',
  'action.profile': 'My information',
  'action.programmes': 'Programmes',
  'action.status': 'Bot status',
  'profile.title': 'Your information',
  'profile.roles': 'Role',
  'profile.language': 'Language',
  'profile.timezone': 'Time zone',
  'profile.timezoneUnknown': 'unknown (Europe/Paris will be used)',
  'profile.note':
    'Your reminders are sent at local time in this time zone, refreshed with every message.',
  'language.fr': 'French',
  'language.en': 'English',
  'role.lab': 'Lab team',
  'role.committee': 'selection committee member',
  'role.facilitator': 'facilitator',
  'role.lead': 'team lead',
  'role.participant': 'participant',
  'role.staff': 'staff member',
  'role.programmeLab': 'Lab team of a programme',
  'programmes.title': 'Lab programmes',
  'programmes.none': 'No programme has been recorded yet.',
  'programmes.phase': 'Stage: {phase}',
  'programmes.next': 'Next milestone: {milestone}, on {date}',
  'programmes.apply': 'Apply to {programme}',
  'programmes.seats': '{seats} seats, {organisations} organisations',
  'phase.upcoming': 'upcoming',
  'phase.call-open': 'call for candidacies open',
  'phase.selection': 'selection',
  'phase.kick-off': 'team kick-off',
  'phase.hackathon': 'hackathon',
  'phase.follow-up': 'experimentation follow-up',
  'phase.ended': 'ended',
  'milestone.candidacyOpen': 'candidacies open',
  'milestone.candidacyClose': 'candidacies close',
  'milestone.selectionCommittee': 'selection committee',
  'milestone.kickOff': 'kick-off day',
  'milestone.hackathonStart': 'hackathon starts',
  'milestone.hackathonEnd': 'hackathon ends',
  'milestone.followUpStart': 'monthly follow-up starts',
  'milestone.decemberReview': 'December review',
  'milestone.marchReview': 'March review',
  'milestone.end': 'programme ends',
  'status.title': 'Bot status',
  'status.database': 'Database',
  'status.databaseOk': '{dialect}, answering',
  'status.databaseDown': '{dialect}, not answering',
  'status.installations': 'Active installations',
  'status.installationsValue':
    '{personal} personal chats, {channel} team channels, {groupChat} group chats',
  'status.version': 'Version',
  'status.forbidden': 'This command is for the Lab team only.',
  'validation.required': 'required field',
  'search.tooLong': 'Search too long: a few letters of the name are enough.',
  'input.required': 'Fill in this field: {label}.',
  'validation.expectedText': 'text expected',
  'validation.expectedNumber': 'a number is expected',
  'validation.expectedList': 'a list is expected',
  'validation.expectedObject': 'a block of fields is expected',
  'validation.expectedBoolean': 'true or false expected',
  'validation.integer': 'a whole number is expected',
  'validation.min': 'must be at least {min}',
  'validation.max': 'must be at most {max}',
  'validation.tooShort': 'too short: at least {min}',
  'validation.tooLong': 'too long: at most {max}',
  'validation.choice': 'unknown value; allowed values: {allowed}',
  'validation.date': 'invalid date "{value}": expected YYYY-MM-DD',
  'validation.dateOrder': 'must be on or after {previousDate} (date of {previous})',
  'validation.unknownOrganisation': 'unknown organisation "{id}"',
  'validation.duplicate': '"{id}" appears twice',
  'validation.timezone': 'unknown time zone "{value}" (example: Europe/Paris)',
  'validation.url': 'invalid web address',
  'validation.notYourself': 'this is your own address: give your line manager’s',
  'validation.organisationMismatch':
    'your email address is {organisation}’s: choose your organisation',
  'validation.email': 'invalid email address',
  'validation.identifier': 'invalid identifier "{value}": lowercase letters, digits and hyphens',
  'validation.unknownField': 'unknown field: {fields}',
  'validation.invalid': 'invalid value',
  'validation.syntax': 'unreadable YAML: {detail}',
  'validation.teamSize':
    'the team has {count} people, referent included; at least {min} are needed',
  'validation.time': 'invalid time "{value}": expected HH:MM (for example 09:30)',
  'validation.month': 'invalid month "{value}": expected YYYY-MM',
  'validation.ascending': 'must be greater than the previous value ({previous})',
  'validation.leadNotMember': 'the lead must be one of the team’s members',
  'validation.field': '{field}: {reason}',
  'validation.line': 'line {line}',
  'activity.notAvailableHere':
    'This bot is not open to your organisation or to this app: nothing was read or changed.',
  'programmeChoice.title': 'Which programme?',
  'programmeChoice.body':
    'Several programmes are concerned. Choose one: I will remember it for an hour.',
  'programmeChoice.choose': 'Choose {programme}',
  'verb.forbidden.title': 'Action not allowed',
  'verb.forbidden': 'This action is for other people: nothing was changed.',
  'verb.outOfScope':
    'This action is only possible in your personal chat with the bot: nothing was changed.',
  'verb.invalidData':
    'This card’s data is not valid ({fields}): nothing was changed. Start again from the bot’s latest message.',
  'verb.unknown':
    'I do not know this action: the card may come from an older version of the bot. Type “help” to see what I can do.',
  'error.generic':
    'Sorry, I could not handle your request. Try again in a moment; if it keeps failing, tell the Lab team.',
  ...formationEn,
  ...graphEn,
  ...emailEn,
  ...followUpEn,
  ...candidaciesEn,
  ...digestEn,
  ...deliveryEn,
  ...programmeWizardEn,
  ...labSessionsEn,
  ...personalDataEn,
  ...confirmationEn,
};
