import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { GraphChannelProvisioner } from '../../../../src/adapters/graph/graph-channel-provisioner';
import {
  provisionTeamChannels,
  type WantedChannel,
} from '../../../../src/core/team-channels/provision-team-channels';
import { FakeGraphServer } from '../../../fakes/fake-graph-server';

const TOKEN = 'fake-graph-token';
const TEAM = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';

const credential: TokenCredential = {
  getToken: (): Promise<AccessToken> =>
    Promise.resolve({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const wanted: WantedChannel[] = [1, 2, 3, 4, 5].map((n) => ({
  teamKey: `team-${n}`,
  displayName: `Équipe ${n} · Inclusion`,
  description: `Canal de l'équipe ${n} du Défi du Lab`,
}));

describe('channel provisioning through Microsoft Graph (fake Graph on loopback)', () => {
  let graph: FakeGraphServer;
  let provisioner: GraphChannelProvisioner;
  let waits: number[];
  const wait = (ms: number): Promise<void> => {
    waits.push(ms);
    return Promise.resolve();
  };

  beforeEach(async () => {
    graph = new FakeGraphServer(TOKEN);
    await graph.start();
    graph.addTeam(TEAM, ['Annonces']);
    provisioner = new GraphChannelProvisioner(credential, graph.baseUrl);
    waits = [];
  });

  afterEach(async () => {
    await graph.stop();
  });

  it('creates one standard channel per team with the bearer token', async () => {
    const outcomes = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['created', 'created', 'created', 'created', 'created'],
    );
    const posts = graph.posts();
    assert.equal(posts.length, 5);
    assert.deepEqual(posts[0]?.body, {
      displayName: 'Équipe 1 · Inclusion',
      description: "Canal de l'équipe 1 du Défi du Lab",
      membershipType: 'standard',
    });
    assert.ok(graph.calls.every((call) => call.authorization === `Bearer ${TOKEN}`));
    assert.equal(graph.teams.get(TEAM)?.length, 7);
  });

  it('creates nothing twice when run again, reusing channels found across pages', async () => {
    await provisionTeamChannels(provisioner, TEAM, wanted, { dryRun: false, wait });
    const again = await provisionTeamChannels(provisioner, TEAM, wanted, { dryRun: false, wait });
    assert.deepEqual(
      again.map((o) => o.status),
      ['reused', 'reused', 'reused', 'reused', 'reused'],
    );
    assert.equal(graph.posts().length, 5);
    assert.equal(graph.teams.get(TEAM)?.length, 7);
  });

  it('shows in a dry run what would be created, and creates nothing', async () => {
    graph.addTeam(TEAM, ['Équipe 2 · Inclusion']);
    const outcomes = await provisionTeamChannels(provisioner, TEAM, wanted, { dryRun: true, wait });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['would-create', 'reused', 'would-create', 'would-create', 'would-create'],
    );
    assert.equal(graph.posts().length, 0);
  });

  it('waits for Retry-After on 429 and retries 503 with backoff', async () => {
    graph.failNextPosts.push({ status: 429, retryAfter: 7 }, { status: 503 });
    const outcomes = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 2), {
      dryRun: false,
      wait,
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['created', 'created'],
    );
    assert.deepEqual(waits, [7000, 2000]);
    assert.equal(graph.teams.get(TEAM)?.length, 4);
  });

  it('keeps going when one channel fails for good, and reports why', async () => {
    graph.alwaysFail.set('Équipe 2 · Inclusion', 403);
    const progress: number[] = [];
    const outcomes = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['created', 'failed', 'created', 'created', 'created'],
    );
    const failed = outcomes[1];
    assert.ok(failed?.status === 'failed');
    assert.match(failed.error, /403.*Channel\.Create\.Group/);
    assert.equal(failed.attempts, 1, 'a refusal is not retried');
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
  });

  it('gives up on a channel after bounded attempts when the service stays unavailable', async () => {
    graph.failNextPosts.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const outcomes = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 2), {
      dryRun: false,
      wait,
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['failed', 'created'],
    );
    assert.equal(outcomes[0]?.status === 'failed' ? outcomes[0].attempts : 0, 4);
    assert.deepEqual(waits, [1000, 2000, 4000]);
  });

  it('reuses a channel someone created between the list and the create', async () => {
    const racing = {
      listChannels: (id: string) => provisioner.listChannels(id),
      createChannel: async (id: string, name: string, description: string) => {
        graph.addTeam(TEAM, [name]); // a person created it meanwhile
        return provisioner.createChannel(id, name, description);
      },
    };
    const outcomes = await provisionTeamChannels(racing, TEAM, wanted.slice(0, 1), {
      dryRun: false,
      wait,
    });
    assert.equal(outcomes[0]?.status, 'reused');
  });
});
