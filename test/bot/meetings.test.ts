import assert from 'node:assert/strict';
import { GRAPH_CALENDAR_PERMISSIONS } from '../../src/adapters/graph/graph-meeting-calendar';
import { planMeetings } from '../../src/core/meetings/plan-meetings';
import { DEMO_PROGRAMME } from '../../src/demo/seed-demo-programme';
import { createDemoParticipants } from '../../src/demo/demo-people';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import { FakeGraphServer, manifestRscPermissions } from '../fakes/fake-graph-server';
import { allMeetings } from '../support/meeting-fakes';
import { BotHarness, adminClicks, loadActivity } from './support/bot-harness';
import { fakeGraphOptions, fakeGraphSettings, GRAPH_TOKEN } from '../support/fake-graph-identity';

const TEAM_THREAD_ID = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';
const TEAM_GROUP_ID = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';
const ORGANISER = {
  id: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  displayName: 'Lab Innovation',
  mail: 'lab.innovation@securite-sociale.fr',
  userPrincipalName: 'lab.innovation@securite-sociale.fr',
};

const organisationOf = new Map(
  createDemoParticipants(
    DEMO_PROGRAMME.organisations,
    DEMO_PROGRAMME.themeOptions.map((t) => t.id),
  ).map((p) => [p.aadId, p.organisationId]),
);

/** Two people of the first two teams whose swap breaks no rule. */
function swappablePair(teams: ProgrammeTeam[]): [string, string] {
  for (const a of teams[0]!.members) {
    for (const b of teams[1]!.members) {
      const clash = (person: string, team: number) =>
        teams[team]!.members.some(
          (m) =>
            m.aadId !== a.aadId &&
            m.aadId !== b.aadId &&
            organisationOf.get(m.aadId) === organisationOf.get(person),
        );
      if (!clash(a.aadId, 1) && !clash(b.aadId, 0)) return [a.aadId, b.aadId];
    }
  }
  throw new Error('no swappable pair');
}

describe('meetings: confirming teams puts the programme’s meetings on calendars (fake Graph)', () => {
  let harness: BotHarness;
  let graph: FakeGraphServer;

  async function start(env: Record<string, string>): Promise<void> {
    harness = new BotHarness();
    harness.options = fakeGraphOptions();
    await harness.start({
      ...fakeGraphSettings(graph.baseUrl),
      ...env,
    });
    await harness.send(loadActivity('team-install'));
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    assert.ok(programme);
    await harness.bot.programmes.save({
      ...programme,
      teamsTeamId: TEAM_THREAD_ID,
      teamsGroupId: TEAM_GROUP_ID,
      meetings: allMeetings(),
    });
    await harness.send({
      ...loadActivity('personal-message-status-admin'),
      text: 'former les équipes',
    });
  }

  beforeEach(async () => {
    graph = new FakeGraphServer(GRAPH_TOKEN, [
      ...manifestRscPermissions(),
      ...Object.values(GRAPH_CALENDAR_PERMISSIONS),
    ]);
    await graph.start();
    graph.addTeam(TEAM_GROUP_ID);
    graph.addUser(ORGANISER);
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  /** Waits for reconciliations under way (they run one at a time per programme). */
  async function settle(): Promise<void> {
    const programme = await harness.bot.programmes.get(DEMO_PROGRAMME.id);
    await harness.bot.platform.meetings.sync(programme!);
  }

  it('creates each future meeting once as a Teams meeting; confirming again creates nothing new', async () => {
    await start({ GRAPH_MEETING_ORGANISER: ORGANISER.userPrincipalName });
    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );
    await settle();
    const programme = (await harness.bot.programmes.get(DEMO_PROGRAMME.id))!;
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    assert.ok(teams.length > 1);
    const now = harness.clock.now().getTime();
    const wanted = planMeetings(programme, teams).filter((m) => m.startsAt.getTime() > now);
    // 20 November 2026: the December to March exchanges of each team, and both reviews.
    assert.equal(wanted.length, teams.length * 4 + 2);
    const events = graph.liveEvents();
    assert.equal(events.length, wanted.length);
    assert.deepEqual(events.map((e) => e.subject).sort(), wanted.map((m) => m.subject).sort());
    assert.ok(
      events.every((e) => e.isOnlineMeeting && e.onlineMeetingProvider === 'teamsForBusiness'),
    );
    assert.ok(events.every((e) => e.organiserId === ORGANISER.id));
    assert.match(
      JSON.stringify(body),
      /Réunions dans les agendas \(réunions Teams\)\u00a0: \d+ créées/,
    );

    const posts = graph.posts().length;
    await harness.send(adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }));
    await settle();
    assert.equal(graph.events.size, wanted.length, 'nothing created twice');
    assert.equal(
      graph.posts().filter((c) => c.path.endsWith('/events')).length,
      events.length,
      'no second creation request either',
    );
    assert.ok(graph.posts().length >= posts);

    await harness.send({ ...loadActivity('personal-message-status-admin'), text: 'état' });
    assert.match(
      JSON.stringify(
        harness.connector.sentActivities().filter((a) => JSON.stringify(a).includes('État du bot')),
      ),
      /Réunions.*dans les agendas, organisées par lab\.innovation@securite-sociale\.fr/,
    );
  });

  /** Someone clicks a button with `verb` and `data` in their personal chat. */
  function personClicks(
    aadId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Record<string, unknown> {
    const activity = loadActivity('invoke-action-execute-profile');
    return {
      ...activity,
      from: { ...(activity.from as Record<string, unknown>), aadObjectId: aadId },
      value: {
        action: { type: 'Action.Execute', verb, data: { verb, ...data } },
        trigger: 'manual',
      },
    };
  }

  it('without an organiser mailbox sends each attendee an .ics invitation card, and says so', async () => {
    await start({});
    const { body } = await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );
    await settle();
    assert.equal(graph.events.size, 0, 'no calendar call');
    assert.match(JSON.stringify(body), /GRAPH_MEETING_ORGANISER absent.*fichier \.ics/);

    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    const team = teams[0]!;
    const member = team.members[0]!;
    const outbox = await harness.bot.database.db
      .withTables<{ outbox: { key: string; payload: string } }>()
      .selectFrom('outbox')
      .select(['key', 'payload'])
      .where('key', 'like', 'meeting:%')
      .execute();
    const mine = outbox.filter((row) => row.key.endsWith(`:${member.aadId.toLowerCase()}`));
    // Announced a month ahead: team 1's December exchange and the December review (the hourly
    // run announces January's later).
    assert.equal(mine.length, 2);
    assert.match(mine[0]!.payload, /Ajouter à mon agenda \(\.ics\)/);
    const count = outbox.length;

    // Confirming again sends nothing new.
    await harness.send(adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }));
    await settle();
    const after = await harness.bot.database.db
      .withTables<{ outbox: { key: string } }>()
      .selectFrom('outbox')
      .select('key')
      .where('key', 'like', 'meeting:%')
      .execute();
    assert.equal(after.length, count);

    const meeting = {
      programmeId: DEMO_PROGRAMME.id,
      kind: 'monthlyExchange',
      teamId: team.id,
      period: '2026-12',
    };
    const answer = await harness.send(personClicks(member.aadId, 'meeting.ics', meeting));
    const url = /"url":"([^"]+\/exports\/meetings\/[^"]+)"/.exec(JSON.stringify(answer.body))?.[1];
    assert.ok(url, 'the card has the .ics link');
    const ics = await fetch(url);
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
    const text = await ics.text();
    assert.match(
      text,
      new RegExp(`UID:${DEMO_PROGRAMME.id}\\.monthlyExchange\\.${team.id}\\.2026-12@labbot`),
    );
    assert.match(text, /SEQUENCE:0/);
    assert.equal((await fetch(url)).status, 410, 'the link works once');

    // Another team's member is not invited: same answer as an unknown meeting, and no link.
    const outsider = teams[1]!.members[0]!;
    const refused = await harness.send(personClicks(outsider.aadId, 'meeting.ics', meeting));
    assert.match(JSON.stringify(refused.body), /introuvable, ou vous n’y êtes pas invité/);
    assert.doesNotMatch(JSON.stringify(refused.body), /exports\/meetings/);
  });

  it('refuses data of the wrong type or size, and Markdown or bidi text, with a clear card and no link', async () => {
    await start({});
    await harness.sendConfirmed(
      adminClicks('formation.confirm', { programmeId: DEMO_PROGRAMME.id }),
    );
    await settle();
    const member = (await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id))[0]!.members[0]!;
    const tokens = async () =>
      (await harness.bot.database.db.selectFrom('export_tokens').select('id').execute()).length;
    const before = await tokens();
    for (const data of [
      { programmeId: DEMO_PROGRAMME.id, kind: 'party', teamId: 'team-1', period: '' },
      { programmeId: DEMO_PROGRAMME.id, kind: 'kickOff', teamId: 42, period: '' },
      { programmeId: 'x'.repeat(5_000), kind: 'kickOff', teamId: '', period: '' },
      { programmeId: DEMO_PROGRAMME.id, kind: 'kickOff', teamId: '**team-1**', period: '' },
      { programmeId: DEMO_PROGRAMME.id, kind: 'kickOff', teamId: '\u202eteam-1', period: '' },
      {
        programmeId: DEMO_PROGRAMME.id,
        kind: 'monthlyExchange',
        teamId: 'team-1',
        period: '2027-13',
      },
    ]) {
      const answer = await harness.send(personClicks(member.aadId, 'meeting.ics', data));
      assert.equal(answer.status, 200);
      assert.doesNotMatch(JSON.stringify(answer.body), /exports\/meetings/);
    }
    assert.equal(await tokens(), before, 'no link issued');
  });

  it('sends whoever a change of teams drops from a meeting its cancellation (.ics METHOD:CANCEL, same UID, SEQUENCE up)', async () => {
    await start({});
    const click = (verb: string, data: Record<string, string> = {}) =>
      adminClicks(verb, { programmeId: DEMO_PROGRAMME.id, ...data });
    await harness.sendConfirmed(click('formation.confirm'));
    await settle();
    const teams = await harness.bot.teams.listByProgramme(DEMO_PROGRAMME.id);
    const [a, b] = swappablePair(teams);
    const first = {
      programmeId: DEMO_PROGRAMME.id,
      kind: 'monthlyExchange',
      teamId: teams[0]!.id,
      period: '2026-12',
    };

    await harness.send(click('formation.change'));
    await harness.send(click('formation.swap', { person: a, other: b }));
    await harness.sendConfirmed(click('formation.confirm'));
    await settle();

    const keys = async () =>
      (
        await harness.bot.database.db
          .withTables<{ outbox: { key: string; payload: string } }>()
          .selectFrom('outbox')
          .select(['key', 'payload'])
          .where('key', 'like', `meeting:${DEMO_PROGRAMME.id}:monthlyExchange:${teams[0]!.id}:%`)
          .execute()
      ).filter((row) => row.key.endsWith(`:${a.toLowerCase()}`));
    const cards = await keys();
    // The invitation, then the card of the version that dropped them.
    assert.deepEqual(cards.map((row) => row.key.split(':').slice(-2, -1)[0]).sort(), ['v0', 'v1']);
    const dropped = cards.find((row) => row.key.includes(':v1:'))!;
    assert.match(dropped.payload, /Vous n’êtes plus invité à/);

    const answer = await harness.send(personClicks(a, 'meeting.ics', first));
    const url = /"url":"([^"]+\/exports\/meetings\/[^"]+)"/.exec(JSON.stringify(answer.body))?.[1];
    assert.ok(url, 'the dropped attendee gets a link');
    const ics = await fetch(url);
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type') ?? '', /method=CANCEL/);
    const text = await ics.text();
    assert.match(text, /METHOD:CANCEL/);
    assert.match(
      text,
      new RegExp(`UID:${DEMO_PROGRAMME.id}\\.monthlyExchange\\.${teams[0]!.id}\\.2026-12@labbot`),
    );
    assert.match(text, /SEQUENCE:1/);
    assert.match(text, /STATUS:CANCELLED/);

    // Who joined gets the current version; someone never invited still gets nothing.
    const joined = await harness.send(personClicks(b, 'meeting.ics', first));
    const joinedUrl = /"url":"([^"]+\/exports\/meetings\/[^"]+)"/.exec(
      JSON.stringify(joined.body),
    )?.[1];
    assert.ok(joinedUrl);
    assert.match(await (await fetch(joinedUrl)).text(), /METHOD:PUBLISH[\s\S]*SEQUENCE:1/);
    const outsider = teams[2]!.members[0]!;
    const refused = await harness.send(personClicks(outsider.aadId, 'meeting.ics', first));
    assert.doesNotMatch(JSON.stringify(refused.body), /exports\/meetings/);

    // Running it again sends nothing more.
    const count = (await keys()).length;
    await settle();
    assert.equal((await keys()).length, count);
  });
});
