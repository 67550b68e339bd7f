import type { ProgrammeTeam } from '../programmes/programme-team';
import type { Programme } from '../programmes/programme';
import type { TeamHeading } from './follow-up-notices';

/** The heading every follow-up card shows: programme and team. */
export function toTeamHeading(programme: Programme, team: ProgrammeTeam): TeamHeading {
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    teamId: team.id,
    teamNumber: team.number,
    teamName: team.name,
  };
}
