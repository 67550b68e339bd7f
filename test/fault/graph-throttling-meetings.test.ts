import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  GRAPH_CALENDAR_PERMISSIONS,
  GraphMeetingCalendar,
} from '../../src/adapters/graph/graph-meeting-calendar';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import { testDatabases } from '../contract/test-databases';
import { SqlMeetingStore } from '../../src/adapters/sql/sql-meeting-store';
import { planMeetings } from '../../src/core/meetings/plan-meetings';
import { syncMeetings } from '../../src/core/meetings/sync-meetings';
import { FakeGraphServer } from '../fakes/fake-graph-server';
import { createTestProgramme } from '../support/candidacy-programme';
import { allMeetings, twoTeams } from '../support/meeting-fakes';

const TOKEN = 'fake-graph-token';
const ORGANISER = {
  id: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  displayName: 'Lab Innovation',
  mail: 'lab.innovation@securite-sociale.fr',
  userPrincipalName: 'lab.innovation@securite-sociale.fr',
};
const credential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

describe('fault: Graph answers 429 then 503 for a minute while meetings go on calendars', () => {
  let graph: FakeGraphServer;
  let database: DatabaseHandle;

  before(async () => {
    graph = new FakeGraphServer(TOKEN, Object.values(GRAPH_CALENDAR_PERMISSIONS));
    await graph.start();
    graph.addUser(ORGANISER);
    database = await testDatabases()
      .find((target) => target.name === 'sqlite')!
      .open();
  });

  after(async () => {
    await graph.stop();
    await database.close();
  });

  it('puts every meeting on the calendar once, the throttled ones on a later run, nothing twice', async () => {
    // A minute of refusals: 429 with Retry-After 2 s, then 503 with Retry-After 2 s, 30 in all.
    for (let i = 0; i < 15; i += 1) graph.failNextUserCalls.push({ status: 429, retryAfter: 2 });
    for (let i = 0; i < 15; i += 1) graph.failNextUserCalls.push({ status: 503, retryAfter: 2 });
    let waited = 0;
    const calendar = new GraphMeetingCalendar(credential, ORGANISER.userPrincipalName, {
      baseUrl: graph.baseUrl,
      sleep: (ms) => {
        waited += ms;
        return Promise.resolve();
      },
    });
    const store = new SqlMeetingStore(database.db);
    const programme = createTestProgramme({ meetings: allMeetings() });
    const now = new Date('2026-05-04T08:00:00Z');
    const wanted = planMeetings(programme, twoTeams());

    const first = await syncMeetings(programme, twoTeams(), { store, calendar, now });
    assert.ok(first.failed.length > 0, 'some meetings were throttled past their tries');
    assert.ok(first.failed.every((f) => f.reason === 'throttled'));
    // Every refusal was waited for as Graph asked, except the last try of each throttled call.
    assert.equal(waited, 2_000 * (30 - first.failed.length));
    const throttled = (await store.listByProgramme(programme.id)).filter((m) => m.lastError);
    assert.ok(
      throttled.every((m) => /^throttled: /.test(m.lastError!)),
      'the reason is on the row',
    );

    // The next hourly runs finish the work.
    for (let run = 0; run < 3; run += 1) {
      await syncMeetings(programme, twoTeams(), { store, calendar, now });
    }
    const rows = await store.listByProgramme(programme.id);
    assert.equal(rows.length, wanted.length);
    assert.ok(rows.every((m) => m.state === 'active' && m.lastError === null));
    assert.equal(graph.events.size, wanted.length, 'each meeting once on the calendar');
    assert.equal(new Set(rows.map((m) => m.externalEventId)).size, wanted.length);
    assert.equal(
      graph.calls.filter((c) => c.path.endsWith('/events') && c.status === 201).length,
      wanted.length,
      'one accepted creation per meeting',
    );
  });
});
