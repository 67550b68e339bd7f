import type { Clock } from '../ports/clock';
import type { PendingMembershipStore } from '../ports/pending-membership-store';
import type { TeamMembership } from '../ports/team-membership';
import type { TeamPerson } from '../programmes/programme-team';
import { addTeamMembers, type MembershipReport } from './add-team-members';

/**
 * The people Graph could not add to a programme's Teams team for a passing reason (throttled,
 * unavailable), tried again by the hourly catch-up until they are in. A final failure (a
 * permission refused, an unknown account) is not tried again: the organiser's summary names it,
 * and confirming again tries everyone missing. The list is stored, so a restart or another
 * instance goes on with it.
 */
export class MembershipCatchUp {
  constructor(
    private readonly store: PendingMembershipStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes note of what adding `people` did: those who failed for a passing reason are tried
   * again later; everyone else (added, already in, or refused for good) is not.
   */
  async remember(
    team: { programmeId: string; teamGroupId: string },
    people: readonly TeamPerson[],
    report: MembershipReport,
  ): Promise<void> {
    const byId = new Map(people.map((p) => [p.aadId.toLowerCase(), p]));
    const waiting = report.failed
      .filter((failure) => failure.transient)
      .map((failure) => byId.get(failure.aadId.toLowerCase()))
      .filter((person): person is TeamPerson => person !== undefined);
    await this.store.record(
      team,
      people.map((p) => p.aadId),
      waiting,
      this.clock.now(),
    );
  }

  /** How many people are waiting to be added, over every programme team. */
  pendingCount(): Promise<number> {
    return this.store.count();
  }

  /**
   * Tries the waiting people again, team by team (addTeamMembers reads the members first, so
   * someone added meanwhile is not added twice). Returns what each team's try did.
   */
  async run(
    membership: TeamMembership,
    options: { wait: (ms: number) => Promise<void>; paceMs?: number },
  ): Promise<{ programmeId: string; teamGroupId: string; report: MembershipReport }[]> {
    const reports: { programmeId: string; teamGroupId: string; report: MembershipReport }[] = [];
    for (const team of await this.store.list()) {
      const report = await addTeamMembers(membership, team.teamGroupId, team.people, options);
      await this.remember(team, team.people, report);
      reports.push({ programmeId: team.programmeId, teamGroupId: team.teamGroupId, report });
    }
    return reports;
  }
}
