import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';

/** The team's lead as a person; a lead missing from the members list still gets a name (their id). */
export function findTeamLead(team: ProgrammeTeam): TeamPerson {
  const lead = team.leadAadId.toLowerCase();
  return (
    team.members.find((member) => member.aadId.toLowerCase() === lead) ?? {
      aadId: team.leadAadId,
      name: team.leadAadId,
      organisationId: '',
    }
  );
}
