import type { TeamMembership } from '../ports/team-membership';
import type { TeamPerson } from '../programmes/programme-team';
import { addTeamMembers, type MembershipReport } from './add-team-members';

/**
 * The people Graph could not add to a programme's Teams team for a passing reason (throttled,
 * unavailable), tried again by the hourly catch-up until they are in. A final failure (a
 * permission refused, an unknown account) is not tried again: the organiser's summary names it,
 * and confirming again tries everyone missing. Kept in the process's memory: after a restart,
 * confirming the teams again adds whoever is still missing (nobody twice).
 */
export class MembershipCatchUp {
  /** By team group id: the people still to add, by lower-case Entra id. */
  private readonly pending = new Map<string, Map<string, TeamPerson>>();

  /**
   * Takes note of what adding `people` did: those who failed for a passing reason are tried
   * again later; everyone else (added, already in, or refused for good) is not.
   */
  remember(teamGroupId: string, people: readonly TeamPerson[], report: MembershipReport): void {
    const waiting = this.pending.get(teamGroupId) ?? new Map<string, TeamPerson>();
    for (const person of people) waiting.delete(person.aadId.toLowerCase());
    const byId = new Map(people.map((p) => [p.aadId.toLowerCase(), p]));
    for (const failure of report.failed) {
      const person = byId.get(failure.aadId.toLowerCase());
      if (failure.transient && person !== undefined)
        waiting.set(failure.aadId.toLowerCase(), person);
    }
    if (waiting.size === 0) this.pending.delete(teamGroupId);
    else this.pending.set(teamGroupId, waiting);
  }

  /** How many people are waiting to be added, over every programme team. */
  pendingCount(): number {
    return [...this.pending.values()].reduce((sum, waiting) => sum + waiting.size, 0);
  }

  /**
   * Tries the waiting people again, team by team (addTeamMembers reads the members first, so
   * someone added meanwhile is not added twice). Returns what each team's try did.
   */
  async run(
    membership: TeamMembership,
    options: { wait: (ms: number) => Promise<void>; paceMs?: number },
  ): Promise<{ teamGroupId: string; report: MembershipReport }[]> {
    const reports: { teamGroupId: string; report: MembershipReport }[] = [];
    for (const [teamGroupId, waiting] of [...this.pending.entries()]) {
      const people = [...waiting.values()];
      const report = await addTeamMembers(membership, teamGroupId, people, options);
      this.remember(teamGroupId, people, report);
      reports.push({ teamGroupId, report });
    }
    return reports;
  }
}
