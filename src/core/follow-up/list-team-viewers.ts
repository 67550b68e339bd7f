import type { ProgrammeTeam } from '../programmes/programme-team';
import type { LabMember } from '../programmes/follow-up-settings';

/** Everyone who sees a team's cards: lead and members, facilitators, then the Lab team, once each. */
export function listTeamViewers(team: ProgrammeTeam, labTeam: readonly LabMember[]): string[] {
  const ids = [
    team.leadAadId,
    ...team.members.map((m) => m.aadId),
    ...team.facilitators.map((f) => f.aadId),
    ...labTeam.map((l) => l.aadId),
  ].map((id) => id.toLowerCase());
  return [...new Set(ids)];
}
