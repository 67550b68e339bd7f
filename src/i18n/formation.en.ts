import type { formationFr } from './formation.fr';

/** English messages of team formation. */
export const formationEn: Record<keyof typeof formationFr, string> = {
  'formation.title': 'Team formation — {programme}',
  'formation.summary':
    '{teams} teams of {min} to {max} people · lowest team score: {worst}/100 · mean: {mean}/100 · draw no. {seed}',
  'formation.teamHeader': '{name} — {score}/100',
  'formation.member': '{name} — {organisation} ({branch})',
  'formation.locked': '🔒 {name}',
  'formation.facilitators': 'Facilitators: {names}',
  'formation.noFacilitators': 'No facilitators: add some to the programme file.',
  'formation.edit': 'Change the proposal',
  'formation.person': 'Person',
  'formation.other': 'Swap with',
  'formation.team': 'Move to',
  'formation.action.swap': 'Swap',
  'formation.action.move': 'Move',
  'formation.action.lock': 'Lock / unlock',
  'formation.action.regenerate': 'Another draw',
  'formation.action.dryRun': 'See what will be created',
  'formation.action.confirm': 'Confirm the teams',
  'formation.swapped': 'Swapped: {a} and {b}.',
  'formation.moved': '{name} joins team {team}.',
  'formation.lockedNow': '{name} will stay in their team in the next draws.',
  'formation.unlockedNow': '{name} is no longer locked.',
  'formation.refused': 'Change refused: {reason}',
  'formation.refusal.unknown-person': 'choose a person from the list.',
  'formation.refusal.unknown-team': 'choose a team from the list.',
  'formation.refusal.same-team': 'these people are already in the same team.',
  'formation.infeasible': 'The teams cannot be formed with these rules:',
  'formation.noParticipants':
    'No selected participants for {programme}: accept candidacies before forming teams.',
  'formation.noProgramme': 'No programme recorded: import one with "labbot programme import".',
  'formation.forbidden': 'Team formation is for the Lab team only.',
  'formation.teamMode':
    'Team-mode programme: each applying team becomes a programme team ({teams} teams).',
  'formation.dryRun.title': 'What will be created for {programme}',
  'formation.dryRun.channel': 'Channel "{name}": {status}',
  'formation.dryRun.thread': 'Thread "{name}" in the General channel of the Teams team',
  'formation.status.would-create': 'will be created',
  'formation.status.reused': 'already exists, will be reused',
  'formation.status.created': 'created',
  'formation.status.failed': 'failed ({error})',
  'formation.status.refused': 'refused, a thread in the General channel instead',
  'formation.graphRefused':
    'Microsoft Graph does not let the app manage the channels of this team: the {permission} permission was not granted. Teams without a channel get a thread in the General channel. To give them channels, a team owner reinstalls the app and accepts its permissions, then confirm again.',
  'formation.graphRefusedOther':
    'Microsoft Graph refused to create the channels ({error}): teams without a channel get a thread in the General channel. Check teamsGroupId in the programme file, then confirm again.',
  'formation.noGraph':
    'Channels cannot be created without Microsoft Graph access: each team gets a thread in the General channel.',
  'formation.noTeamInstalled':
    'The bot is installed in no Teams team: add it to the programme team, then confirm again.',
  'formation.confirmed.title': 'Teams confirmed — {programme}',
  'formation.confirmed.summary': '{teams} teams recorded; welcome messages are being sent.',
  'formation.progress': 'Welcome messages — {programme}',
  'formation.welcome.title': 'Welcome to {team}!',
  'formation.welcome.intro': 'Programme {programme}. Here is your team:',
  'formation.welcome.lead': 'Team lead: {name}',
  'formation.welcome.next': 'Next milestone: {milestone}, on {date}',
  'formation.member.title': 'You are in {team}',
  'formation.member.body':
    'Programme {programme}. Your facilitators: {facilitators}. Find your team in its Teams space.',
  'formation.member.open': 'Open the team space',
};
