import type { graphFr } from './graph.fr';

/** English messages of what the bot does through Microsoft Graph. */
export const graphEn: Record<keyof typeof graphFr, string> = {
  'teamSpaces.members': 'Programme’s Teams team: {added} people added, {already} already members.',
  'teamSpaces.refused':
    'Microsoft Graph does not let the app add members to the programme’s Teams team: the {permission} permission was not granted ({count} people not added). An administrator grants it (see docs/graph.md), then confirm again or add them by hand.',
  'teamSpaces.failed': 'Could not add {name} to the Teams team ({reason}).',
  'teamSpaces.failedMore': 'And {count} more people not added.',
  'teamSpaces.reason.not-found':
    'unknown, disabled or blocked account; for someone from another organisation, invite them as a guest first',
  'teamSpaces.reason.error': 'Microsoft Graph error: {detail}',
  'teamSpaces.retrying':
    '{count} people not added yet: Microsoft Graph is busy or unavailable for now. The bot tries again every hour, adding nobody twice.',
  'status.graph': 'Microsoft Graph',
  'status.graph.none':
    'not configured: threads in the General channel instead of channels, nobody added to Teams teams, no installation for people who never opened the bot',
  'status.graph.on':
    'configured: team channels, members added to the programme’s Teams team; {installs} (each capability as far as its permission was granted, see docs/graph.md)',
  'status.graph.installs':
    'the bot installed for people who never opened it, and people found by e-mail address',
  'status.graph.noInstalls': 'no installation for people (GRAPH_TEAMS_APP_ID not set)',
  'meetings.summary':
    'Meetings on calendars (Teams meetings): {created} created, {updated} updated, {cancelled} cancelled, {unchanged} unchanged.',
  'meetings.refused':
    'Microsoft Graph does not let the app write to the organiser’s calendar: the {permission} permission was not granted ({count} meetings waiting). An administrator grants it (see docs/graph.md); the bot tries again every hour.',
  'meetings.failed':
    '{count} meetings could not be put on calendars yet; the bot tries again every hour.',
  'meetings.off':
    'Meetings: no calendar is connected (GRAPH_MEETING_ORGANISER not set); they are not put on calendars.',
  'status.meetings': 'Meetings',
  'status.meetings.on': 'on calendars, organised by {organiser} (Teams meetings)',
  'status.meetings.off':
    'no calendar connected (GRAPH_MEETING_ORGANISER not set): each invited person gets a card with the .ics file',
  'meetings.summary.ics':
    'Meetings: no calendar is connected to the bot (GRAPH_MEETING_ORGANISER not set); each invited person gets a card to add the meeting to their calendar (.ics file): {created} sent, {updated} updated, {cancelled} cancelled, {unchanged} unchanged.',
  'meetings.invitation.title': 'Meeting: {subject}',
  'meetings.invitation.updated': 'Meeting changed: {subject}',
  'meetings.invitation.cancelled': 'Meeting cancelled: {subject}',
  'meetings.invitation.body':
    'No calendar is connected to the bot: add this meeting to yours with its .ics file (a newer version replaces the older one).',
  'meetings.invitation.bodyCancelled':
    'This meeting no longer takes place. If you added it to your calendar, open this .ics file: it removes it.',
  'meetings.invitation.button': 'Add to my calendar (.ics)',
  'meetings.link.body': 'Your .ics file is ready: a personal link, valid once until {time}.',
  'meetings.link.button': 'Download the .ics file',
  'meetings.link.unknown': 'This meeting cannot be found, or you are not invited to it.',
};
