import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';
import type { Programme } from '../programmes/programme';
import { toChannelName } from '../team-channels/to-channel-name';
import type { TeamFormationResult } from '../team-formation/team-formation';
import type { FormationParticipant } from './formation-draft';

/** Team leads are often managers: the first manager of a team leads it, else its first member. */
const LEAD_ROLE = 'management';

/** Turns a confirmed formation into the programme's teams, numbered from 1, with lead and facilitators. */
export function toProgrammeTeams(
  programme: Programme,
  participants: readonly FormationParticipant[],
  result: TeamFormationResult,
): ProgrammeTeam[] {
  const byId = new Map(participants.map((p) => [p.aadId, p]));
  const facilitators = new Map((programme.facilitators ?? []).map((f) => [f.aadId, f]));
  const themeLabel = new Map(programme.themeOptions.map((t) => [t.id, t.label]));
  return result.teams.map((team, index) => {
    const number = index + 1;
    const members: TeamPerson[] = team.members.map((id) => {
      const p = byId.get(id);
      return { aadId: id, name: p?.name ?? id, organisationId: p?.organisationId ?? '' };
    });
    const lead =
      team.members.find((id) => byId.get(id)?.role === LEAD_ROLE) ?? team.members[0] ?? '';
    const programmeTeam: ProgrammeTeam = {
      id: `team-${number}`,
      programmeId: programme.id,
      number,
      name: toChannelName(
        number,
        team.theme === undefined ? undefined : themeLabel.get(team.theme),
      ),
      leadAadId: lead,
      members,
      facilitators: team.facilitators.map((id) => {
        const f = facilitators.get(id);
        return { aadId: id, name: f?.name ?? id, organisationId: f?.organisationId ?? '' };
      }),
    };
    if (team.theme !== undefined) programmeTeam.themeId = team.theme;
    return programmeTeam;
  });
}
