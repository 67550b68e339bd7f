import type { personalDataFr } from './personal-data.fr';

/** English messages of personal data ("my data", "erase my data"). */
export const personalDataEn: Record<keyof typeof personalDataFr, string> = {
  'personalData.title': 'Your data',
  'personalData.intro':
    'What the bot keeps about you, by category, and for how long. Legal basis: public service mission. Recipients: the Lab team and, depending on your role, the selection committee, facilitators and your manager.',
  'personalData.count': '{count} item(s) · {retention}',
  'personalData.category.profile': 'Profile and Teams references',
  'personalData.category.candidacies': 'Candidacies and drafts',
  'personalData.category.endorsements': 'Manager endorsements given',
  'personalData.category.scores': 'Committee scores and comments',
  'personalData.category.teams': 'Teams',
  'personalData.category.followUp': 'Check-in and review answers',
  'personalData.category.absences': 'Absences',
  'personalData.category.labSessions': 'Lab sessions requested, facilitated or debriefed',
  'personalData.category.messages': 'Messages sent by the bot',
  'personalData.category.audit': 'Audit trail',
  'personalData.retention.draftsUntilClose': 'drafts deleted when the call closes',
  'personalData.retention.unselectedCandidacies':
    'deleted {months} months after the committee if not selected',
  'personalData.retention.participants': 'pseudonymised {months} months after the programme ends',
  'personalData.retention.outboxPayloads': 'content emptied {days} days after sending',
  'personalData.retention.exportTokens': 'download links deleted after {days} day',
  'personalData.retention.uninstalledConversations':
    'deleted {days} days after the bot is uninstalled',
  'personalData.retention.whileUsed': 'while you use the bot',
  'personalData.retention.auditTrail': 'kept as proof, pseudonymised if you are erased',
  'personalData.notice': 'Privacy notice',
  'personalData.download': 'Download my data (ZIP)',
  'personalData.erase': 'Erase my data',
  'personalData.link.title': 'Your data, to download',
  'personalData.link.body':
    'A ZIP file with your data as JSON (complete) and Excel (readable). This link is yours, works once, until {time}.',
  'personalData.link.button': 'Download the ZIP',
  'personalData.confirm.title': 'Erase your data?',
  'personalData.confirm.body':
    'Your profile, drafts, absences and Teams references will be deleted. Your candidacies, scores and answers stay in the counts under a pseudonym, without your name, address or texts. Messages planned for you are cancelled. This cannot be undone.',
  'personalData.confirm.yes': 'Yes, erase for good',
  'personalData.erased':
    'Your data has been erased. You now appear as “{pseudonym}” in the Lab’s counts.',
  'personalData.nothing': 'The bot kept nothing about you: there was nothing to erase.',
  'personalData.pending.title': 'Your erasure request went to the Lab team',
  'personalData.pending.body':
    'You take part in {programmes}, running until {day}. The Lab team decides to erase your data now or to keep it until then; you will be told. At the latest, it is erased automatically the day after that date.',
  'personalData.request.title': 'Personal data erasure request',
  'personalData.request.body':
    '{name} asks for their data to be erased and takes part in {programmes}, running until {day}. “Erase now” takes them out of the teams and the sends; “Keep” postpones the erasure to the day after the programme ends (they are told).',
  'personalData.request.someone': 'Someone',
  'personalData.request.erase': 'Erase now',
  'personalData.request.defer': 'Keep until the programme ends',
  'personalData.decided.erased': 'Data erased: the person now appears as “{pseudonym}”.',
  'personalData.decided.deferred': 'Erasure postponed to the day after {day}; the person is told.',
  'personalData.decided.alreadyDecided': 'This request was already handled: nothing changed.',
  'personalData.decided.notFound': 'This erasure request does not exist: nothing changed.',
  'personalData.decided.forbidden': 'Only the Lab team decides erasure requests: nothing changed.',
  'personalData.deferred.title': 'Your data is kept until the programme ends',
  'personalData.deferred.body':
    'The Lab team keeps your data until {day}, when the programme ends; it is erased automatically the day after.',
  'personalData.digest.heading': 'Personal data',
  'personalData.digest.purged': 'Purged this week',
  'personalData.digest.rows': '{count} row(s) deleted or pseudonymised',
  'personalData.digest.due.drafts': 'Drafts deleted on',
  'personalData.digest.due.unselected': 'Candidacies not selected deleted on',
  'personalData.digest.due.participants': 'Participants’ data pseudonymised on',
};
