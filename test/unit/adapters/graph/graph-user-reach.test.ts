import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  GRAPH_APP_PERMISSIONS,
  GraphUserReach,
} from '../../../../src/adapters/graph/graph-user-reach';
import { FakeGraphServer } from '../../../fakes/fake-graph-server';

const TOKEN = 'fake-graph-token';
/** The bot's app in the organisation's catalogue (a teamsApp id, not the manifest id). */
const CATALOGUE_ID = '5b3c8f2e-7d41-4a9b-9c0e-2f6a1d8e4b73';
const MANAGER = {
  id: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  displayName: 'Hugo Martin',
  mail: 'hugo.martin@caf-guyane.fr',
  userPrincipalName: 'hugo.martin@caf-guyane.fr',
};

const credential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

describe('reaching people through Microsoft Graph (install for a user, find by e-mail)', () => {
  let graph: FakeGraphServer;
  let reach: GraphUserReach;
  let waits: number[];
  let clock: number;

  beforeEach(async () => {
    // The token carries exactly what the bot asks the administrator for.
    graph = new FakeGraphServer(TOKEN, Object.values(GRAPH_APP_PERMISSIONS));
    await graph.start();
    graph.catalogue.add(CATALOGUE_ID);
    graph.addUser(MANAGER);
    waits = [];
    clock = Date.UTC(2026, 10, 20, 8);
    reach = new GraphUserReach(credential, CATALOGUE_ID, {
      baseUrl: graph.baseUrl,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      pollDelaysMs: [100, 200, 400],
      now: () => clock,
    });
  });

  afterEach(async () => {
    await graph.stop();
  });

  it('installs the app and reads its chat once Graph shows it, pacing the reads', async () => {
    graph.installVisibleAfterReads = 2;

    const outcome = await reach.openPersonalChat(MANAGER.id);

    assert.equal(outcome.ok, true);
    assert.equal(outcome.ok && outcome.chatId, graph.installations.get(MANAGER.id)?.chatId);
    assert.equal(graph.installs().length, 1);
    assert.deepEqual(graph.installs()[0]?.body, {
      'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${CATALOGUE_ID}`,
    });
    // Two reads saw nothing yet: one wait after each.
    assert.deepEqual(waits, [100, 200]);
  });

  it('installs for someone a team candidacy names by e-mail only (Graph takes the UPN)', async () => {
    graph.installVisibleAfterReads = 0;

    const outcome = await reach.openPersonalChat(MANAGER.userPrincipalName);

    assert.equal(outcome.ok && outcome.chatId, graph.installations.get(MANAGER.id)?.chatId);
    assert.equal(
      graph.installs()[0]?.path,
      '/v1.0/users/hugo.martin%40caf-guyane.fr/teamwork/installedApps',
    );
  });

  it('takes an app already installed (409) as it is, without installing twice', async () => {
    graph.installVisibleAfterReads = 0;
    const first = await reach.openPersonalChat(MANAGER.id);
    const second = await reach.openPersonalChat(MANAGER.id);

    assert.deepEqual(second, first);
    assert.equal(graph.installations.size, 1);
    const answered409 = graph.calls.filter((c) => c.method === 'POST').length;
    assert.equal(answered409, 2);
  });

  it('waits for Retry-After when Graph answers 429, then installs once', async () => {
    graph.installVisibleAfterReads = 0;
    graph.failNextUserCalls.push({ status: 429, retryAfter: 3 }, { status: 503, retryAfter: 1 });

    const outcome = await reach.openPersonalChat(MANAGER.id);

    assert.equal(outcome.ok, true);
    assert.deepEqual(waits, [3_000, 1_000]);
    assert.equal(graph.installations.size, 1);
  });

  it('says a failure is passing when Graph throttles past its tries or is unavailable, final otherwise', async () => {
    for (let i = 0; i < 4; i += 1) graph.failNextUserCalls.push({ status: 429, retryAfter: 1 });
    const throttled = await reach.openPersonalChat(MANAGER.id);
    assert.equal(throttled.ok, false);
    assert.equal(!throttled.ok && throttled.code, 'error');
    assert.equal(!throttled.ok && throttled.transient, true);
    assert.match(!throttled.ok ? throttled.reason : '', /429/);
    assert.equal(graph.installations.size, 0);

    for (let i = 0; i < 4; i += 1) graph.failNextUserCalls.push({ status: 503 });
    const unavailable = await reach.openPersonalChat(MANAGER.id);
    assert.equal(!unavailable.ok && unavailable.transient, true);

    graph.failNextUserCalls.push({ status: 400 });
    const broken = await reach.openPersonalChat(MANAGER.id);
    assert.equal(broken.ok, false);
    assert.equal(!broken.ok && broken.transient, undefined);

    // Graph is back: the next try installs, once.
    graph.installVisibleAfterReads = 0;
    assert.equal((await reach.openPersonalChat(MANAGER.id)).ok, true);
    assert.equal(graph.installations.size, 1);
  });

  it('a quick try waits for no Retry-After and only briefly for the chat, then says it is passing', async () => {
    graph.failNextUserCalls.push({ status: 429, retryAfter: 20 });
    const throttled = await reach.openPersonalChat(MANAGER.id, { quick: true });
    assert.equal(!throttled.ok && throttled.transient, true);
    assert.deepEqual(waits, [], 'no Retry-After waited for');
    assert.equal(graph.installs().length, 1);

    // Installed, but Graph shows it only on the fourth read: more than a quick try waits for.
    graph.installVisibleAfterReads = 3;
    const late = await reach.openPersonalChat(MANAGER.id, { quick: true });
    assert.deepEqual(late, {
      ok: false,
      reason: 'installed, but Graph did not show the chat in time',
      code: 'timeout',
      transient: true,
    });
    assert.deepEqual(waits, [500, 1_000]);
    // The next (patient) try finds the installation there: 409, then the chat, nothing twice.
    const later = await reach.openPersonalChat(MANAGER.id);
    assert.equal(later.ok && later.chatId, graph.installations.get(MANAGER.id)?.chatId);
    assert.equal(graph.installations.size, 1);
    assert.deepEqual(
      graph.installs().map((c) => c.status),
      [429, 201, 409],
    );
  });

  it('gives the reason when the user is unknown, the permission is missing or the chat never shows', async () => {
    assert.deepEqual(await reach.openPersonalChat('00000000-0000-4000-8000-000000000404'), {
      ok: false,
      reason: 'user not found in Microsoft Entra, or app not in the catalogue (GRAPH_TEAMS_APP_ID)',
      code: 'not-found',
    });

    graph.installVisibleAfterReads = 100;
    const late = await reach.openPersonalChat(MANAGER.id);
    assert.deepEqual(late, {
      ok: false,
      reason: 'installed, but Graph did not show the chat in time',
      code: 'timeout',
      // Installed: a later try (409, then the chat) finds it.
      transient: true,
    });

    graph.permissions.delete('TeamsAppInstallation.ReadWriteSelfForUser.All');
    const denied = await reach.openPersonalChat(MANAGER.id);
    assert.equal(denied.ok, false);
    assert.equal(!denied.ok && denied.code, 'permission');
    // The refusal is remembered: the next person costs no call to Graph.
    const calls = graph.calls.length;
    assert.deepEqual(await reach.openPersonalChat('someone-else'), denied);
    assert.equal(graph.calls.length, calls);
    // Ten minutes later, Graph is asked again (the permission may have been granted since).
    graph.permissions.add('TeamsAppInstallation.ReadWriteSelfForUser.All');
    clock += 10 * 60 * 1000;
    graph.installVisibleAfterReads = 0;
    graph.installations.delete(MANAGER.id);
    assert.equal((await reach.openPersonalChat(MANAGER.id)).ok, true);
    assert.match(
      !denied.ok ? denied.reason : '',
      /403.*TeamsAppInstallation\.ReadWriteSelfForUser\.All/,
    );
  });

  it('finds a person by e-mail address, and nobody for an unknown one', async () => {
    assert.deepEqual(await reach.findUserByEmail(' Hugo.Martin@CAF-Guyane.fr '), {
      aadId: MANAGER.id,
      name: 'Hugo Martin',
    });
    assert.equal(await reach.findUserByEmail('nobody@caf-guyane.fr'), undefined);
    assert.match(
      graph.calls[0]?.path ?? '',
      /^\/v1\.0\/users\/hugo\.martin%40caf-guyane\.fr$|^\/v1\.0\/users\/hugo\.martin@caf-guyane\.fr$/,
    );
  });

  it('is refused without User.Read.All when looking someone up', async () => {
    graph.permissions.delete('User.Read.All');
    await assert.rejects(reach.findUserByEmail(MANAGER.mail), /403.*User\.Read\.All/);
  });
});
