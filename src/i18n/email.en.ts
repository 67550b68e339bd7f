import type { emailFr } from './email.fr';

/** English words of the e-mails that stand in for Teams messages, and of their status and digest lines. */
export const emailEn: Record<keyof typeof emailFr, string> = {
  'email.why.teams-unreachable':
    'The Lab Innovation bot could not reach you in Microsoft Teams, so here is its message by e-mail.',
  'email.why.no-teams-route':
    'The Lab Innovation bot could not reach you in Microsoft Teams, so here is its message by e-mail.',
  'email.why.not-on-teams':
    'Your organisation is not on Microsoft Teams yet, so the Lab Innovation writes to you by e-mail.',
  'email.openInTeams': 'Open Lab Innovation in Teams',
  'email.actInTeams':
    'To answer or use the buttons of this message, open the Lab Innovation bot in Microsoft Teams:',
  'email.footer':
    'Sent automatically by the Lab Innovation from its mailbox; the bot does not read replies to this e-mail.',
  'status.email': 'E-mail fallback',
  'status.email.on': 'on: messages Teams cannot deliver go by e-mail from {sender}',
  'status.email.noGraph': 'off: Microsoft Graph is not configured',
  'status.email.noSender': 'off: no mailbox to send from (GRAPH_MAIL_SENDER)',
  'digest.reach.summary':
    'Messages of the week: {teams} delivered in Teams, {email} by e-mail, {none} to nobody.',
  'digest.reach.byEmail': 'by e-mail ({cause})',
  'digest.reach.unreached': 'not reached: {reason} ({cause})',
  'digest.reach.more': 'And {count} more.',
  'digest.reach.reason.fallback-off': 'e-mail fallback off',
  'digest.reach.reason.no-address': 'e-mail address unknown',
  'digest.reach.reason.graph-refused': 'e-mail refused by Microsoft Graph',
  'digest.reach.reason.interrupted': 'e-mail send interrupted',
  'digest.reach.reason.cancelled': 'data erased at their request',
  'digest.reach.cause.teams-unreachable': 'Teams refused the message',
  'digest.reach.cause.no-teams-route': 'no way to reach them in Teams',
  'digest.reach.cause.not-on-teams': 'organisation not on Teams yet',
};
