import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  GRAPH_CALENDAR_PERMISSIONS,
  GraphMeetingCalendar,
} from '../../../../src/adapters/graph/graph-meeting-calendar';
import { syncMeetings } from '../../../../src/core/meetings/sync-meetings';
import { createTestProgramme } from '../../../support/candidacy-programme';
import { InMemoryMeetingStore, twoTeams } from '../../../support/meeting-fakes';
import { FakeGraphServer, type FakeUser } from '../../../fakes/fake-graph-server';

const TOKEN = 'fake-graph-token';
const ORGANISER: FakeUser = {
  id: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  displayName: 'Lab Innovation',
  mail: 'lab.innovation@securite-sociale.fr',
  userPrincipalName: 'lab.innovation@securite-sociale.fr',
};
const BEFORE_KICK_OFF = new Date('2026-05-04T08:00:00Z');

const credential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

describe('meetings on the organiser’s calendar through Microsoft Graph', () => {
  let graph: FakeGraphServer;
  let waits: number[];
  const programme = createTestProgramme({
    meetings: {
      timeZone: 'Europe/Paris',
      holidays: 'FR',
      kickOff: { time: '10:00', durationMinutes: 120 },
    },
  });

  const calendarOf = () =>
    new GraphMeetingCalendar(credential, ORGANISER.userPrincipalName, {
      baseUrl: graph.baseUrl,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });

  beforeEach(async () => {
    graph = new FakeGraphServer(TOKEN, Object.values(GRAPH_CALENDAR_PERMISSIONS));
    await graph.start();
    graph.addUser(ORGANISER);
    for (const team of twoTeams()) {
      for (const person of [...team.members, ...team.facilitators]) {
        graph.addUser({
          id: person.aadId,
          displayName: person.name,
          mail: `${person.aadId.slice(-2)}@example.fr`,
          userPrincipalName: `${person.aadId.slice(-2)}@example.fr`,
        });
      }
    }
    waits = [];
  });

  afterEach(() => graph.stop());

  it('creates a Teams meeting with every attendee’s address, moves the same event, then cancels it', async () => {
    const store = new InMemoryMeetingStore();
    const deps = { store, calendar: calendarOf(), now: BEFORE_KICK_OFF };
    assert.equal((await syncMeetings(programme, twoTeams(), deps)).created, 1);
    const [event] = graph.liveEvents();
    assert.ok(event);
    assert.equal(event.isOnlineMeeting, true);
    assert.equal(event.onlineMeetingProvider, 'teamsForBusiness');
    assert.equal(event.organiserId, ORGANISER.id);
    assert.deepEqual(event.start, { dateTime: '2026-05-13T08:00:00.000', timeZone: 'UTC' });
    assert.equal(event.attendees.length, 6);
    assert.ok(event.attendees.every((a) => a.emailAddress.address.endsWith('@example.fr')));

    const moved = { ...programme, milestones: { ...programme.milestones, kickOff: '2026-05-20' } };
    assert.equal((await syncMeetings(moved, twoTeams(), deps)).updated, 1);
    assert.equal(graph.events.size, 1, 'the same event, not a second one');
    assert.equal(event.updates, 1);
    assert.equal(event.start.dateTime, '2026-05-20T08:00:00.000');

    const none = { ...moved, meetings: { timeZone: 'Europe/Paris', holidays: 'FR' as const } };
    assert.equal((await syncMeetings(none, twoTeams(), deps)).cancelled, 1);
    assert.equal(graph.liveEvents().length, 0);
    assert.equal((await syncMeetings(none, twoTeams(), deps)).cancelled, 0);
  });

  it('waits for Retry-After on 429 and 503, and a retried creation never makes a second event', async () => {
    graph.failNextUserCalls.push({ status: 429, retryAfter: 3 }, { status: 503, retryAfter: 1 });
    const store = new InMemoryMeetingStore();
    const calendar = calendarOf();
    const report = await syncMeetings(programme, twoTeams(), {
      store,
      calendar,
      now: BEFORE_KICK_OFF,
    });
    assert.equal(report.created, 1);
    assert.deepEqual(waits.slice(0, 2), [3000, 1000]);
    // The database lost the event id (a crash after Graph answered): the same version again.
    const [row] = await store.listByProgramme(programme.id);
    await store.save({ ...row!, state: 'pending', externalEventId: null });
    await syncMeetings(programme, twoTeams(), { store, calendar, now: BEFORE_KICK_OFF });
    assert.equal(graph.events.size, 1);
  });

  it('records the missing permission when the app may not write calendars', async () => {
    graph.permissions.delete('Calendars.ReadWrite');
    const store = new InMemoryMeetingStore();
    const report = await syncMeetings(programme, twoTeams(), {
      store,
      calendar: calendarOf(),
      now: BEFORE_KICK_OFF,
    });
    assert.equal(report.failed[0]?.reason, 'permission');
    assert.equal(report.failed[0]?.detail, 'Calendars.ReadWrite');
    const [row] = await store.listByProgramme(programme.id);
    assert.equal(row?.lastError, 'permission: Calendars.ReadWrite');
    assert.equal(graph.events.size, 0);
  });

  it('leaves out an attendee Graph does not know rather than failing the meeting', async () => {
    graph.users.delete(twoTeams()[0]!.members[0]!.aadId);
    await syncMeetings(programme, twoTeams(), {
      store: new InMemoryMeetingStore(),
      calendar: calendarOf(),
      now: BEFORE_KICK_OFF,
    });
    assert.equal(graph.liveEvents()[0]?.attendees.length, 5);
  });
});
