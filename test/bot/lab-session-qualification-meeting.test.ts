import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { GRAPH_CALENDAR_PERMISSIONS } from '../../src/adapters/graph/graph-meeting-calendar';
import { SqlLabSessionStore } from '../../src/adapters/sql/sql-lab-session-store';
import { SqlLabSessionMeetingStore } from '../../src/adapters/sql/sql-lab-session-meeting-store';
import { FakeGraphServer } from '../fakes/fake-graph-server';
import { BotHarness } from './support/bot-harness';
import { sessionTurns } from './support/lab-session-turns';
import {
  ADMIN,
  FACILITATOR_A,
  FACILITATOR_B,
  REQUESTER,
  VALID_FORM,
  type SessionUser,
} from './support/lab-session-people';
import { fakeGraphSettings, graphCredential, GRAPH_TOKEN } from '../support/fake-graph-identity';

const ORGANISER = {
  id: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  displayName: 'Lab Innovation',
  mail: 'lab.innovation@securite-sociale.fr',
  userPrincipalName: 'lab.innovation@securite-sociale.fr',
};
const STRANGER: SessionUser = {
  id: '29:stranger',
  name: 'Sam Autre',
  aadObjectId: '99999999-0000-4000-8000-000000000099',
};
/** Text a requester could type: Markdown, a link and right-to-left overrides. */
const HOSTILE = '**Urgent** [clic](https://evil.example) \u202Eerdro\u202C # titre';

describe('Lab sessions: the qualification meeting in Teams (fake Graph, and .ics without it)', () => {
  // The harness clock: Friday 20 November 2026, 09:15 in Paris.
  let harness: BotHarness;
  let graph: FakeGraphServer;
  let store: SqlLabSessionStore;
  let meetings: SqlLabSessionMeetingStore;

  /**
   * Starts the bot; by default a turn waits for the calendar's work however long it takes (the
   * budget's wait never ends), so what the tests read is there when the answer comes.
   */
  async function start(
    withGraph: boolean,
    wait: (ms: number) => Promise<void> = () => new Promise<void>(() => undefined),
  ): Promise<void> {
    harness = new BotHarness();
    harness.options = {
      labSessionsModule: { wait },
      ...(withGraph ? { graphCredential, graphSleep: () => Promise.resolve() } : {}),
    };
    await harness.start({
      LAB_ADMIN_IDS: [ADMIN, FACILITATOR_A, FACILITATOR_B].map((u) => u.aadObjectId).join(','),
      ...(withGraph
        ? {
            ...fakeGraphSettings(graph.baseUrl),
            GRAPH_MEETING_ORGANISER: ORGANISER.userPrincipalName,
          }
        : {}),
    });
    store = new SqlLabSessionStore(harness.bot.database.db);
    meetings = new SqlLabSessionMeetingStore(harness.bot.database.db);
    for (const user of [ADMIN, REQUESTER, FACILITATOR_A, FACILITATOR_B, STRANGER]) {
      await say(user, 'mes sessions');
    }
  }

  beforeEach(async () => {
    graph = new FakeGraphServer(GRAPH_TOKEN, Object.values(GRAPH_CALENDAR_PERMISSIONS));
    await graph.start();
    graph.addUser(ORGANISER);
    for (const [user, mail] of [
      [REQUESTER, 'camille.martin@caf.fr'],
      [FACILITATOR_A, 'aline.facil@lab.fr'],
      [FACILITATOR_B, 'bruno.facil@lab.fr'],
    ] as const) {
      graph.addUser({
        id: user.aadObjectId,
        displayName: user.name,
        mail,
        userPrincipalName: mail,
      });
    }
  });

  afterEach(async () => {
    await harness.stop();
    await graph.stop();
  });

  const { say, click } = sessionTurns(() => harness);

  async function outbox(prefix: string): Promise<{ key: string; payload: string }[]> {
    const rows = await sql<{
      key: string;
      payload: string;
    }>`select key, payload from outbox order by key`.execute(harness.bot.database.db);
    return rows.rows.filter((row) => row.key.startsWith(prefix));
  }

  /** A request sent by the requester, then the two facilitators named (with the meeting or not). */
  async function assigned(
    meeting: Record<string, unknown> = {},
    form: Record<string, unknown> = {},
  ): Promise<string> {
    await click(REQUESTER, 'session.submit', { ...VALID_FORM, ...form });
    const requests = await store.list();
    const id = requests[0]!.id;
    const answer = await click(ADMIN, 'session.qualify', {
      requestId: id,
      facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
      // As the card sends it: the length list always has a value, the day and time may be empty.
      meetingDay: '',
      meetingTime: '',
      meetingDuration: '60',
      ...meeting,
    });
    assert.match(answer, /Facilitateurs nommés/);
    return id;
  }

  it('puts one Teams meeting on the organiser’s calendar with the three of them, moves it, cancels it on withdrawal', async () => {
    await start(true);
    const id = await assigned({
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
      meetingDuration: '90',
    });
    const events = graph.liveEvents();
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event!.isOnlineMeeting);
    assert.equal(event!.onlineMeetingProvider, 'teamsForBusiness');
    assert.equal(event!.organiserId, ORGANISER.id);
    assert.deepEqual(event!.attendees.map((a) => a.emailAddress.address).sort(), [
      'aline.facil@lab.fr',
      'bruno.facil@lab.fr',
      'camille.martin@caf.fr',
    ]);
    assert.equal(event!.start.dateTime.slice(0, 16), '2026-11-26T09:00');
    assert.equal(event!.end.dateTime.slice(0, 16), '2026-11-26T10:30');
    // With a calendar, Graph sends the invitations: no .ics card.
    assert.deepEqual(await outbox('meeting:'), []);

    // The local time on the request card, the facilitators' notice and the requester's notice.
    const card = await click(REQUESTER, 'session.view', { requestId: id });
    assert.match(card, /jeudi 26 novembre 2026 de 10:00 à 11:30 \(Europe\/Paris\)/);
    const notices = await outbox(`lab-session:${id}:`);
    const assignedNotices = notices.filter((n) => n.key.includes(':assigned:'));
    assert.equal(assignedNotices.length, 2);
    for (const notice of assignedNotices) {
      assert.match(notice.payload, /de 10:00 à 11:30/);
    }
    const told = notices.filter((n) => n.key.includes(REQUESTER.aadObjectId));
    assert.ok(
      told.some((n) => /de 10:00 à 11:30/.test(n.payload)),
      'the requester’s notice',
    );

    // A facilitator moves it: the same event, changed once.
    const moved = await click(FACILITATOR_B, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-27',
      meetingTime: '14:00',
      meetingDuration: '60',
    });
    assert.match(moved, /Réunion de qualification fixée/);
    assert.match(moved, /vendredi 27 novembre 2026 de 14:00 à 15:00/);
    assert.equal(graph.events.size, 1, 'never a second event');
    assert.equal(graph.liveEvents()[0]!.updates, 1);
    assert.equal(graph.liveEvents()[0]!.start.dateTime.slice(0, 16), '2026-11-27T13:00');
    const stored = await meetings.getByRequest(id);
    assert.equal(stored?.sequence, 1);

    // The requester withdraws: the meeting is cancelled for all three.
    const withdrawn = await click(REQUESTER, 'session.withdraw', { requestId: id });
    assert.match(withdrawn, /retir/i);
    assert.equal(graph.liveEvents().length, 0);
    assert.equal((await meetings.getByRequest(id))?.state, 'cancelled');
  });

  it('without calendar access, sends each of the three a card with the time and an .ics link that works for them only', async () => {
    await start(false);
    const id = await assigned({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    const invitations = await outbox('meeting:');
    assert.deepEqual(
      invitations.map((row) => row.key.split(':').at(-1)).sort(),
      [REQUESTER, FACILITATOR_A, FACILITATOR_B].map((u) => u.aadObjectId).sort(),
    );
    for (const row of invitations) {
      assert.match(row.payload, /Ajouter à mon agenda \(\.ics\)/);
      assert.match(row.payload, /jeudi 26 novembre 2026/);
      assert.match(row.payload, /10:00–11:00/);
    }
    const meeting = {
      programmeId: '@lab-sessions',
      kind: 'labQualification',
      teamId: id,
      period: '',
    };
    const link = await click(REQUESTER, 'meeting.ics', meeting);
    const url = /"url":"([^"]+\/exports\/meetings\/[^"]+)"/.exec(link)?.[1];
    assert.ok(url, 'the card has the .ics link');
    const ics = await fetch(url);
    assert.equal(ics.status, 200);
    // Content lines are folded at 75 octets (RFC 5545): read them unfolded.
    const text = (await ics.text()).replace(/\r\n /g, '');
    assert.match(text, new RegExp(`UID:@lab-sessions\\.labQualification\\.${id}\\.once@labbot`));
    assert.match(text, /SEQUENCE:0/);
    assert.match(text, /DTSTART:20261126T090000Z/);
    assert.equal((await fetch(url)).status, 410, 'the link works once');
    const refused = await click(STRANGER, 'meeting.ics', meeting);
    assert.match(refused, /introuvable, ou vous n’y êtes pas invité/);
    assert.doesNotMatch(refused, /exports\/meetings/);

    // Moved: a second version for each, the same UID, SEQUENCE 1.
    await click(ADMIN, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-26',
      meetingTime: '11:00',
    });
    const after = await outbox('meeting:');
    assert.equal(after.length, 6);
    assert.equal(after.filter((row) => row.key.includes(':v1:')).length, 3);
    assert.ok(
      after.filter((row) => row.key.includes(':v1:')).every((r) => /modifiée/.test(r.payload)),
    );
  });

  it('without calendar access, gives a facilitator replaced the meeting’s cancellation through a link that works', async () => {
    await start(false);
    const id = await assigned({ meetingDay: '2026-11-26', meetingTime: '10:00' });
    // The Lab names the admin in place of the second facilitator.
    await click(ADMIN, 'session.qualify', {
      requestId: id,
      facilitators: `${FACILITATOR_A.aadObjectId},${ADMIN.aadObjectId}`,
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
      meetingDuration: '60',
    });
    const cancelled = (await outbox('meeting:')).filter(
      (row) => row.key.includes(':v1:') && row.key.endsWith(FACILITATOR_B.aadObjectId),
    );
    assert.equal(cancelled.length, 1);
    assert.match(cancelled[0]!.payload, /Vous n’êtes plus invité/);
    const meeting = {
      programmeId: '@lab-sessions',
      kind: 'labQualification',
      teamId: id,
      period: '',
    };
    const link = await click(FACILITATOR_B, 'meeting.ics', meeting);
    const url = /"url":"([^"]+\/exports\/meetings\/[^"]+)"/.exec(link)?.[1];
    assert.ok(url, `the dropped facilitator gets the link: ${link.slice(0, 300)}`);
    const ics = await fetch(url);
    assert.equal(ics.status, 200);
    const text = (await ics.text()).replace(/\r\n /g, '');
    assert.match(text, /METHOD:CANCEL/);
    assert.match(text, /SEQUENCE:1/);
  });

  it('answers within the budget when the calendar is slow, the meeting reaching it afterwards', async () => {
    // The budget is spent at once: the answer cannot wait for Graph.
    await start(true, () => Promise.resolve());
    const id = await assigned();
    const answer = await click(FACILITATOR_A, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
    });
    assert.match(answer, /Réunion de qualification fixée/);
    assert.equal((await store.get(id))?.qualificationMeeting?.time, '10:00');
    while (graph.liveEvents().length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(graph.liveEvents()[0]!.attendees.length, 3);
  });

  it('refuses a stranger and the requester, with nothing changed', async () => {
    await start(true);
    const id = await assigned();
    for (const user of [STRANGER, REQUESTER]) {
      const answer = await click(user, 'session.meeting', {
        requestId: id,
        meetingDay: '2026-11-26',
        meetingTime: '10:00',
      });
      assert.doesNotMatch(answer, /Réunion de qualification fixée/, user.name);
      // The requester sees their request, but not who may set the meeting: the same answer as
      // for a request that does not exist.
      assert.match(answer, /Je ne trouve pas cette demande de session/, user.name);
    }
    assert.equal((await store.get(id))?.qualificationMeeting, null);
    assert.equal(graph.events.size, 0);
  });

  it('refuses a facilitator on another request’s id', async () => {
    await start(true);
    const first = await assigned();
    await click(STRANGER, 'session.submit', { ...VALID_FORM, subject: 'Une autre demande' });
    const other = (await store.list()).find((r) => r.id !== first)!;
    const answer = await click(FACILITATOR_A, 'session.meeting', {
      requestId: other.id,
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
    });
    assert.doesNotMatch(answer, /fixée/);
    assert.equal((await store.get(other.id))?.qualificationMeeting, null);
    assert.equal(graph.events.size, 0);
  });

  it('says each error under its field, in the user’s language: a day past, a weekend, a wrong time', async () => {
    await start(true);
    const id = await assigned();
    const past = await click(FACILITATOR_A, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-19',
      meetingTime: '10:00',
    });
    assert.match(past, /Choisissez un jour et une heure à venir/);
    const weekend = await click(
      FACILITATOR_A,
      'session.meeting',
      { requestId: id, meetingDay: '2026-11-28', meetingTime: '10:00' },
      'en-US',
    );
    assert.match(weekend, /This day is a weekend or a public holiday for the requester/);
    const wrong = await click(FACILITATOR_A, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-26',
      meetingTime: '25:99',
      meetingDuration: '7',
    });
    assert.match(wrong, /Heure invalide «\u202f25:99\u202f»/);
    assert.match(wrong, /Choisissez une durée proposée/);
    assert.equal((await store.get(id))?.qualificationMeeting, null);
    assert.equal(graph.events.size, 0);
  });

  it('refuses data of the wrong type or size before the use case', async () => {
    await start(true);
    const id = await assigned();
    for (const data of [
      { requestId: id, meetingDay: ['2026-11-26'], meetingTime: '10:00' },
      { requestId: id, meetingDay: '2026-11-26', meetingTime: 1000 },
      {
        requestId: id,
        meetingDay: '2026-11-26',
        meetingTime: '10:00',
        meetingDuration: 'x'.repeat(50),
      },
      { requestId: 42, meetingDay: '2026-11-26', meetingTime: '10:00' },
    ]) {
      const answer = await click(FACILITATOR_A, 'session.meeting', data);
      assert.match(answer, /Les données de cette carte ne sont pas valides/, JSON.stringify(data));
    }
    assert.equal((await store.get(id))?.qualificationMeeting, null);
    assert.equal(graph.events.size, 0);
  });

  it('keeps Markdown and bidi text out of the calendar, and escapes what the user typed on the card', async () => {
    await start(false);
    const id = await assigned({}, { subject: `Accueil ${HOSTILE}`.slice(0, 120) });
    // What was typed comes back in the error under the field: a link cannot act, no override.
    const echoed = await click(FACILITATOR_A, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-26',
      meetingTime: '\u202E[x](https://e.example)',
    });
    assert.match(echoed, /Heure invalide «\u202f\[x\]\u200b\(https:\/\/e\.exampl/);
    const texts = [...echoed.matchAll(/"type":"TextBlock","text":"([^"]*)"/g)].map((m) => m[1]);
    assert.ok(texts.length > 0);
    assert.ok(!texts.some((text) => /\[x\]\(/.test(text!)), 'the link is broken apart');
    assert.doesNotMatch(echoed, /\u202E/, 'no bidi override');
    const ok = await click(FACILITATOR_A, 'session.meeting', {
      requestId: id,
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
    });
    assert.match(ok, /fixée/);
    const stored = await meetings.getByRequest(id);
    assert.doesNotMatch(stored!.subject, /Urgent|evil|\u202E/);
    for (const row of await outbox('meeting:')) {
      assert.doesNotMatch(row.payload, /evil\.example|\u202E|\\u202e/i);
    }
  });
});
