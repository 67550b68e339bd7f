import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import {
  GRAPH_RSC_PERMISSIONS,
  GraphChannelProvisioner,
} from '../../../../src/adapters/graph/graph-channel-provisioner';
import {
  provisionTeamChannels,
  type WantedChannel,
} from '../../../../src/core/team-channels/provision-team-channels';
import type { TeamChannel } from '../../../../src/core/ports/channel-provisioner';
import { FakeGraphServer, manifestRscPermissions } from '../../../fakes/fake-graph-server';

const TOKEN = 'fake-graph-token';
/** The programme team's group id: Graph knows teams by it, not by their 19:… thread id. */
const TEAM = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';
const TEAM_THREAD_ID = '19:R7xW3kq8HnJd2VbYt5Lp@thread.tacv2';

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
  /** The channels the bot created for the programme, as the record keeps them. */
  let own: { channels: TeamChannel[]; record: (channel: TeamChannel) => Promise<void> };
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
    const channels: TeamChannel[] = [];
    own = {
      channels,
      record: (channel) => {
        channels.push(channel);
        return Promise.resolve();
      },
    };
  });

  afterEach(async () => {
    await graph.stop();
  });

  it('creates one standard channel per team with the bearer token', async () => {
    const { outcomes } = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
      own,
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
    await provisionTeamChannels(provisioner, TEAM, wanted, { dryRun: false, wait, own });
    const { outcomes: again } = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
      own,
    });
    assert.deepEqual(
      again.map((o) => o.status),
      ['reused', 'reused', 'reused', 'reused', 'reused'],
    );
    assert.equal(graph.posts().length, 5);
    assert.equal(graph.teams.get(TEAM)?.length, 7);
  });

  it('shows in a dry run what would be created, and creates nothing', async () => {
    graph.addTeam(TEAM, ['Équipe 2 · Inclusion']);
    // The programme made Équipe 2's channel before; it is reused.
    own.channels.push(
      graph.teams.get(TEAM)!.find((c) => c.displayName === 'Équipe 2 · Inclusion')!,
    );
    const { outcomes } = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: true,
      wait,
      own,
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['would-create', 'reused', 'would-create', 'would-create', 'would-create'],
    );
    assert.equal(graph.posts().length, 0);
  });

  it('waits for Retry-After on 429 and retries 503 with backoff', async () => {
    graph.failNextPosts.push({ status: 429, retryAfter: 7 }, { status: 503 });
    const { outcomes } = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 2), {
      dryRun: false,
      wait,
      own,
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['created', 'created'],
    );
    assert.deepEqual(waits, [7000, 2000]);
    assert.equal(graph.teams.get(TEAM)?.length, 4);
  });

  it('keeps going when one channel fails for good, and reports why', async () => {
    graph.alwaysFail.set('Équipe 2 · Inclusion', 400);
    const progress: number[] = [];
    const { outcomes } = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
      own,
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['created', 'failed', 'created', 'created', 'created'],
    );
    const failed = outcomes[1];
    assert.ok(failed?.status === 'failed');
    assert.match(failed.error, /400/);
    assert.equal(failed.attempts, 1, 'a refusal is not retried');
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
  });

  it('gives up on a channel after bounded attempts when the service stays unavailable', async () => {
    graph.failNextPosts.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const { outcomes } = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 2), {
      dryRun: false,
      wait,
      own,
    });
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['failed', 'created'],
    );
    assert.equal(outcomes[0]?.status === 'failed' ? outcomes[0].attempts : 0, 4);
    assert.deepEqual(waits, [1000, 2000, 4000]);
  });

  it('leaves to them a channel someone created with the name between the list and the create', async () => {
    let raced = false;
    const racing = {
      listChannels: (id: string) => provisioner.listChannels(id),
      createChannel: async (id: string, name: string, description: string) => {
        if (!raced) graph.addTeam(TEAM, [name]); // a person created it meanwhile
        raced = true;
        return provisioner.createChannel(id, name, description);
      },
    };
    const { outcomes } = await provisionTeamChannels(racing, TEAM, wanted.slice(0, 1), {
      dryRun: false,
      wait,
      own,
    });
    const [outcome] = outcomes;
    assert.ok(outcome?.status === 'created', JSON.stringify(outcome));
    assert.equal(outcome.channel.displayName, 'Équipe 1 · Inclusion (2)');
  });

  it('falls back to threads for every team when the token lacks ChannelSettings.Read.Group, and names it', async () => {
    graph.permissions.delete('ChannelSettings.Read.Group');
    const result = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
      own,
    });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['refused', 'refused', 'refused', 'refused', 'refused'],
    );
    assert.equal(result.refusal?.permission, 'ChannelSettings.Read.Group');
    assert.match(result.refusal?.error ?? '', /403/);
    assert.equal(graph.posts().length, 0, 'nothing is created');
    assert.deepEqual(waits, [], 'a refusal is not retried');
  });

  it('stops creating after a refusal to create, and still reuses the channels that exist', async () => {
    graph.addTeam(TEAM, ['Équipe 3 · Inclusion']);
    // Made by the bot for this programme in an earlier run.
    const made = graph.teams.get(TEAM)!.find((c) => c.displayName === 'Équipe 3 · Inclusion')!;
    own.channels.push({ id: made.id, displayName: made.displayName });
    graph.permissions.delete('Channel.Create.Group');
    const result = await provisionTeamChannels(provisioner, TEAM, wanted, {
      dryRun: false,
      wait,
      own,
    });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['refused', 'refused', 'reused', 'refused', 'refused'],
    );
    assert.equal(result.refusal?.permission, 'Channel.Create.Group');
    assert.equal(graph.posts().length, 1, 'one refusal is enough to stop asking');
  });

  it('is refused (404) when given the Teams thread id of the team instead of its group id', async () => {
    const result = await provisionTeamChannels(provisioner, TEAM_THREAD_ID, wanted, {
      dryRun: true,
      wait,
      own,
    });
    assert.ok(result.outcomes.every((o) => o.status === 'refused'));
    assert.equal(result.refusal?.permission, undefined);
    assert.match(result.refusal?.error ?? '', /404/);
  });

  it('needs no permission beyond what the manifest asks for', async () => {
    const needed = Object.values(GRAPH_RSC_PERMISSIONS);
    assert.deepEqual([...needed].sort(), [...manifestRscPermissions()].sort());
    // With exactly the manifest's consent, listing and creating both go through.
    const result = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 1), {
      dryRun: false,
      wait,
      own,
    });
    assert.deepEqual(
      result.outcomes.map((o) => o.status),
      ['created'],
    );
    assert.equal(result.refusal, undefined);
  });

  it('never takes over a channel someone else made with a team’s name: it creates "Name (2)"', async () => {
    graph.addTeam(TEAM, ['ÉQUIPE 1 · INCLUSION']);
    const theirs = graph.teams.get(TEAM)!.find((c) => c.displayName === 'ÉQUIPE 1 · INCLUSION')!;
    const { outcomes } = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 1), {
      dryRun: false,
      wait,
      own,
    });
    const [outcome] = outcomes;
    assert.equal(outcome?.status, 'created');
    assert.ok(outcome?.status === 'created' && outcome.channel.id !== theirs.id);
    assert.deepEqual(
      graph.posts().map((post) => (post.body as { displayName: string }).displayName),
      ['Équipe 1 · Inclusion (2)'],
    );
    // Recorded as the programme's, under the team name it was made for.
    assert.deepEqual(own.channels, [
      { id: outcome.channel.id, displayName: 'Équipe 1 · Inclusion' },
    ]);
    // Run again: the programme's own channel is reused, theirs still untouched.
    const { outcomes: again } = await provisionTeamChannels(provisioner, TEAM, wanted.slice(0, 1), {
      dryRun: false,
      wait,
      own,
    });
    assert.equal(again[0]?.status, 'reused');
    assert.equal(graph.posts().length, 1);
  });
});
