import assert from 'node:assert/strict';
import {
  TeamMembershipError,
  type TeamMembership,
} from '../../../../src/core/ports/team-membership';
import { addTeamMembers } from '../../../../src/core/team-spaces/add-team-members';
import { MembershipCatchUp } from '../../../../src/core/team-spaces/membership-catch-up';
import type {
  PendingMembers,
  PendingMembershipStore,
} from '../../../../src/core/ports/pending-membership-store';
import type { TeamPerson } from '../../../../src/core/programmes/programme-team';
import { ManualClock } from '../../../support/test-doubles';

const GROUP = 'd4c2b1a0-9e8f-4d7c-6b5a-493827161504';
const TEAM = { programmeId: 'defi-du-lab-2026', teamGroupId: GROUP };

/** The stored list, as the SQL store keeps it (its contract test runs on both databases). */
class InMemoryPendingMembers implements PendingMembershipStore {
  private readonly rows = new Map<string, { team: typeof TEAM; person: TeamPerson }>();

  record(
    team: typeof TEAM,
    tried: readonly string[],
    waiting: readonly TeamPerson[],
    _now: Date,
  ): Promise<void> {
    for (const id of tried) this.rows.delete(`${team.teamGroupId}|${id.toLowerCase()}`);
    for (const person of waiting) {
      this.rows.set(`${team.teamGroupId}|${person.aadId.toLowerCase()}`, { team, person });
    }
    return Promise.resolve();
  }

  list(): Promise<PendingMembers[]> {
    const teams = new Map<string, PendingMembers>();
    for (const { team, person } of this.rows.values()) {
      const entry = teams.get(team.teamGroupId) ?? { ...team, people: [] };
      entry.people.push(person);
      teams.set(team.teamGroupId, entry);
    }
    return Promise.resolve([...teams.values()]);
  }

  count(): Promise<number> {
    return Promise.resolve(this.rows.size);
  }
}
const person = (n: number) => ({
  aadId: `00000000-0000-4000-8000-00000000000${n}`,
  name: `Personne ${n}`,
  organisationId: 'cnav',
});

/** A team whose additions fail as the test says: by person, a passing or a final failure. */
class ScriptedMembership implements TeamMembership {
  readonly members = new Set<string>();
  readonly additions: string[] = [];
  listFails: TeamMembershipError | undefined;
  readonly fails = new Map<string, TeamMembershipError>();

  listMemberIds(): Promise<string[]> {
    if (this.listFails !== undefined) return Promise.reject(this.listFails);
    return Promise.resolve([...this.members]);
  }

  addMember(_group: string, aadId: string): Promise<void> {
    const failure = this.fails.get(aadId);
    if (failure !== undefined) return Promise.reject(failure);
    this.members.add(aadId);
    this.additions.push(aadId);
    return Promise.resolve();
  }
}

const throttled = () =>
  new TeamMembershipError('Graph POST answered 429', 'error', undefined, true);
const unknown = () => new TeamMembershipError('Graph POST answered 404', 'not-found');
const noWait = { wait: () => Promise.resolve() };

describe('MembershipCatchUp: who Graph could not add for a passing reason is tried again', () => {
  it('tries again only the passing failures, until they are in, nobody twice', async () => {
    const team = new ScriptedMembership();
    const people = [person(1), person(2), person(3), person(4)];
    team.fails.set(person(2).aadId, throttled());
    team.fails.set(person(3).aadId, unknown());
    const catchUp = new MembershipCatchUp(
      new InMemoryPendingMembers(),
      new ManualClock(new Date('2026-09-07T08:00:00.000Z')),
    );

    const first = await addTeamMembers(team, GROUP, people, noWait);
    assert.deepEqual(
      first.failed.map((f) => [f.name, f.reason, f.transient]),
      [
        ['Personne 2', 'error', true],
        ['Personne 3', 'not-found', false],
      ],
    );
    await catchUp.remember(TEAM, people, first);
    assert.equal(await catchUp.pendingCount(), 1);

    // Still throttled: still waiting.
    let runs = await catchUp.run(team, noWait);
    assert.equal(runs[0]?.report.failed[0]?.transient, true);
    assert.equal(await catchUp.pendingCount(), 1);

    // Graph is back: added once; the unknown account is never tried again.
    team.fails.delete(person(2).aadId);
    runs = await catchUp.run(team, noWait);
    assert.deepEqual(runs, [
      {
        programmeId: TEAM.programmeId,
        teamGroupId: GROUP,
        report: { added: 1, already: 0, failed: [] },
      },
    ]);
    assert.equal(await catchUp.pendingCount(), 0);
    assert.deepEqual(team.additions, [person(1).aadId, person(4).aadId, person(2).aadId]);
    assert.deepEqual(await catchUp.run(team, noWait), []);
  });

  it('keeps everyone when the member list itself was throttled, and no one added meanwhile twice', async () => {
    const team = new ScriptedMembership();
    const people = [person(1), person(2)];
    team.listFails = throttled();
    const catchUp = new MembershipCatchUp(
      new InMemoryPendingMembers(),
      new ManualClock(new Date('2026-09-07T08:00:00.000Z')),
    );
    await catchUp.remember(TEAM, people, await addTeamMembers(team, GROUP, people, noWait));
    assert.equal(await catchUp.pendingCount(), 2);

    // Someone (an organiser confirming again) added person 1 meanwhile.
    team.listFails = undefined;
    team.members.add(person(1).aadId);
    const [run] = await catchUp.run(team, noWait);
    assert.deepEqual(run?.report, { added: 1, already: 1, failed: [] });
    assert.deepEqual(team.additions, [person(2).aadId]);
    assert.equal(await catchUp.pendingCount(), 0);
  });

  it('forgets the waiting ones a later run added or refused for good, and a refusal stops at once', async () => {
    const team = new ScriptedMembership();
    const catchUp = new MembershipCatchUp(
      new InMemoryPendingMembers(),
      new ManualClock(new Date('2026-09-07T08:00:00.000Z')),
    );
    team.fails.set(person(1).aadId, throttled());
    team.fails.set(person(2).aadId, throttled());
    const people = [person(1), person(2)];
    await catchUp.remember(TEAM, people, await addTeamMembers(team, GROUP, people, noWait));
    assert.equal(await catchUp.pendingCount(), 2);

    // The permission was withdrawn: final for both, not tried again every hour.
    const refusal = new TeamMembershipError(
      '403',
      'permission',
      'TeamMember.ReadWriteNonOwnerRole.All',
    );
    team.fails.set(person(1).aadId, refusal);
    team.fails.set(person(2).aadId, refusal);
    const [run] = await catchUp.run(team, noWait);
    assert.deepEqual(
      run?.report.failed.map((f) => [f.name, f.reason, f.transient]),
      [
        ['Personne 1', 'permission', false],
        ['Personne 2', 'permission', false],
      ],
    );
    assert.equal(await catchUp.pendingCount(), 0);
    assert.deepEqual(team.additions, []);
  });

  it('treats an unexpected error as final (a bug is not retried every hour)', async () => {
    const team = new ScriptedMembership();
    team.listFails = new Error('boom') as TeamMembershipError;
    const catchUp = new MembershipCatchUp(
      new InMemoryPendingMembers(),
      new ManualClock(new Date('2026-09-07T08:00:00.000Z')),
    );
    const report = await addTeamMembers(team, GROUP, [person(1)], noWait);
    assert.equal(report.failed[0]?.transient, false);
    await catchUp.remember(TEAM, [person(1)], report);
    assert.equal(await catchUp.pendingCount(), 0);
  });
});
