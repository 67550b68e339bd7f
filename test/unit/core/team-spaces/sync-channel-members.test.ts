import assert from 'node:assert/strict';
import type {
  ChannelMember,
  ChannelMembership,
} from '../../../../src/core/ports/channel-membership';
import { TeamMembershipError } from '../../../../src/core/ports/team-membership';
import type { TeamPerson } from '../../../../src/core/programmes/programme-team';
import { syncChannelMembers } from '../../../../src/core/team-spaces/sync-channel-members';

const person = (id: string, organisationId = 'cnav'): TeamPerson => ({
  aadId: `0000000${id}-0000-4000-8000-000000000000`,
  name: `Personne ${id}`,
  organisationId,
});

/** Channels in memory, refusing what the test says. */
class MemoryChannels implements ChannelMembership {
  readonly members = new Map<string, ChannelMember[]>();
  readonly writes: string[] = [];
  unknown = new Set<string>();
  refuse = false;

  listMembers(_team: string, channel: string): Promise<ChannelMember[]> {
    if (this.refuse) {
      return Promise.reject(
        new TeamMembershipError('403', 'permission', 'ChannelMember.ReadWrite.Group'),
      );
    }
    return Promise.resolve([...(this.members.get(channel) ?? [])]);
  }

  addMember(_team: string, channel: string, userId: string): Promise<void> {
    this.writes.push(`add ${channel} ${userId}`);
    if (this.unknown.has(userId)) {
      return Promise.reject(new TeamMembershipError('404', 'not-found'));
    }
    const list = this.members.get(channel) ?? [];
    list.push({ membershipId: `m-${userId}`, userId, roles: [] });
    this.members.set(channel, list);
    return Promise.resolve();
  }

  removeMember(_team: string, channel: string, membershipId: string): Promise<void> {
    this.writes.push(`remove ${channel} ${membershipId}`);
    this.members.set(
      channel,
      (this.members.get(channel) ?? []).filter((m) => m.membershipId !== membershipId),
    );
    return Promise.resolve();
  }
}

describe('syncChannelMembers', () => {
  const [a, b, c, d] = [person('1'), person('2'), person('3'), person('4')];
  const waits: number[] = [];
  const options = {
    wait: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };

  beforeEach(() => {
    waits.length = 0;
  });

  it('adds who is missing, removes who left, leaves others alone, and does nothing the second time', async () => {
    const channels = new MemoryChannels();
    // b moved from channel one to two; an outsider someone added by hand stays in one.
    channels.members.set('one', [
      { membershipId: 'm-a', userId: a.aadId, roles: ['owner'] },
      { membershipId: 'm-b', userId: b.aadId, roles: [] },
      { membershipId: 'm-x', userId: 'outsider', roles: [] },
    ]);
    const wanted = [
      { team: 'Équipe 1', channelId: 'one', wanted: [a] },
      { team: 'Équipe 2', channelId: 'two', wanted: [b, c, c] },
    ];
    const report = await syncChannelMembers(channels, 'group', wanted, [a, b, c, d], options);
    assert.deepEqual(report, { channels: 2, added: 2, already: 1, removed: 1, failed: [] });
    assert.deepEqual(
      channels.members.get('one')!.map((m) => m.userId),
      [a.aadId, 'outsider'],
    );
    assert.deepEqual(
      channels.members.get('two')!.map((m) => m.userId),
      [b.aadId, c.aadId],
    );
    // Paced: a wait between two writes, none before the first.
    assert.deepEqual(waits, [2_000, 2_000]);

    const writes = channels.writes.length;
    const again = await syncChannelMembers(channels, 'group', wanted, [a, b, c, d], options);
    assert.deepEqual(again, { channels: 2, added: 0, already: 3, removed: 0, failed: [] });
    assert.equal(channels.writes.length, writes);
  });

  it('empties a dissolved team’s channel of the programme’s people only', async () => {
    const channels = new MemoryChannels();
    channels.members.set('gone', [
      { membershipId: 'm-a', userId: a.aadId, roles: [] },
      { membershipId: 'm-x', userId: 'outsider', roles: ['owner'] },
    ]);
    const report = await syncChannelMembers(
      channels,
      'group',
      [{ team: 'Équipe 3', channelId: 'gone', wanted: [] }],
      [a, b],
      options,
    );
    assert.equal(report.removed, 1);
    assert.deepEqual(
      channels.members.get('gone')!.map((m) => m.userId),
      ['outsider'],
    );
  });

  it('names a guest of an organisation not on Teams, and goes on with the others', async () => {
    const channels = new MemoryChannels();
    const guest = person('5', 'onem');
    channels.unknown.add(guest.aadId);
    channels.unknown.add(d.aadId);
    const report = await syncChannelMembers(
      channels,
      'group',
      [{ team: 'Équipe 1', channelId: 'one', wanted: [guest, d, a] }],
      [guest, d, a],
      { ...options, guests: { notOnTeams: new Set(['onem']) } },
    );
    assert.equal(report.added, 1);
    assert.deepEqual(
      report.failed.map((f) => [f.name, f.reason, f.organisationId, f.team, f.action]),
      [
        [guest.name, 'guest', 'onem', 'Équipe 1', 'add'],
        [d.name, 'not-found', undefined, 'Équipe 1', 'add'],
      ],
    );
  });

  it('stops at a refused permission and counts everyone left as not added', async () => {
    const channels = new MemoryChannels();
    channels.refuse = true;
    const report = await syncChannelMembers(
      channels,
      'group',
      [
        { team: 'Équipe 1', channelId: 'one', wanted: [a, b] },
        { team: 'Équipe 2', channelId: 'two', wanted: [c] },
      ],
      [a, b, c],
      options,
    );
    assert.equal(channels.writes.length, 0);
    assert.deepEqual(
      report.failed.map((f) => [f.name, f.reason, f.detail, f.team]),
      [
        [a.name, 'permission', 'ChannelMember.ReadWrite.Group', 'Équipe 1'],
        [b.name, 'permission', 'ChannelMember.ReadWrite.Group', 'Équipe 1'],
        [c.name, 'permission', 'ChannelMember.ReadWrite.Group', 'Équipe 2'],
      ],
    );
  });
});
