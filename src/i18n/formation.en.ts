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
  'formation.facilitator': '{name} ({organisation})',
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
  'formation.teamMode.ownOrganisation':
    '{facilitator} ({organisation}) follows the team "{team}", from their own organisation: the other facilitators are not enough for every team. Add facilitators from other organisations to the programme file.',
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
  'formation.noProgrammeTeam':
    'The programme {programme} names no Teams team: add its id (teamsTeamId, the “threadId” of the team’s link) to the programme file, install the bot there, then confirm again. Nothing was created.',
  'formation.noTeamInstalled':
    'The bot is not installed in the Teams team of the programme {programme} ({team}): add it to that team and open its General channel, then confirm again. Nothing was created or sent.',
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
  'formation.confirming':
    'The teams of {programme} are already being confirmed: the summary will appear here shortly.',
  'formation.alreadyConfirmed.title': 'Teams already confirmed — {programme}',
  'formation.alreadyConfirmed.body':
    'The {teams} teams are confirmed and their members told: nothing changed. To move someone, change the confirmed teams; only the people who change team will be told.',
  'formation.alreadyConfirmed.teamMode':
    'The {teams} teams are confirmed and their members told: nothing changed. In team mode, each team stays as its organisation proposed it.',
  'formation.change.teamMode':
    'The teams of {programme} stay as their organisations proposed them: in team mode, the bot moves nobody from one team to another.',
  'formation.action.change': 'Change the confirmed teams',
  'formation.notConfirmed': 'The teams of {programme} are not confirmed yet: type “form teams”.',
  'formation.change.started':
    'Changing the confirmed teams: swap or move, look at what changes, then confirm. Only the people who change team will be told.',
  'formation.change.dryRunTitle': 'What will change for {programme}',
  'formation.change.undelivered':
    '{count} message(s) could not be sent: the bot has no conversation with these people yet. The teams are changed.',
  'formation.change.doneTitle': 'Teams changed — {programme}',
  'formation.change.none': 'Nobody changes team: nothing to do.',
  'formation.change.moves': '{name}: from {from} to {to}',
  'formation.change.joins': '{name} joins {to}',
  'formation.change.told':
    'Told: the {people} people concerned (personal card) and the spaces of the teams they leave or join.',
  'formation.changed.title': 'A change in the team “{team}”',
  'formation.changed.arrivals': 'Joining: {names}',
  'formation.changed.departures': 'Leaving: {names}',
  'formation.page.label': 'Teams {from} to {to} of {total} (page {page} of {pages})',
  'formation.page.previous': 'Previous teams',
  'formation.page.next': 'Next teams',
  'formation.overview.rulesHeld':
    'Hard rules held in every team (sizes, colleagues apart, facilitators).',
  'formation.overview.rulesBroken': 'Hard rules broken: {count}.',
  'formation.overview.lowest': 'Teams to look at first: {teams}',
  'formation.picker': '{name} — {organisation}',
  'formation.ask.title': 'Confirm the teams of {programme}?',
  'formation.ask.body':
    '{teams} teams, {people} people: each team gets its space (a channel, or a thread in General) with a welcome post, and each person a personal message with their team.',
  'formation.ask.after':
    'Afterwards, only "Change the confirmed teams" changes the teams, telling the people who move.',
  'formation.ask.changeTitle': 'Apply the team changes of {programme}?',
  'formation.ask.change':
    'The people who change teams and the spaces of the teams they leave or join will be told.',
  'formation.action.back': 'Back to the proposal',
  'formation.unnamed': 'person with no known name',
  'formation.search.label': 'Find a person (name or part of it)',
  'formation.search.action': 'Find the person',
  'formation.search.found': '{name} is in {team}.',
  'formation.search.foundMore':
    '{name} is in {team}; {count} other person(s) match, give more of the name.',
  'formation.search.none': 'Nobody matches "{search}".',
};
