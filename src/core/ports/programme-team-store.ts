import type { ProgrammeTeam } from '../programmes/programme-team';

/** Persistence of the formed teams of programmes. */
export interface ProgrammeTeamStore {
  /** Replaces all teams of a programme at once (confirming a formation). */
  replaceAll(programmeId: string, teams: readonly ProgrammeTeam[]): Promise<void>;
  /** Inserts or replaces one team (e.g. when its channel is created). */
  save(team: ProgrammeTeam): Promise<void>;
  get(programmeId: string, teamId: string): Promise<ProgrammeTeam | undefined>;
  /** The teams of a programme, by number. */
  listByProgramme(programmeId: string): Promise<ProgrammeTeam[]>;
  /** Teams where the person is lead, member or facilitator, across programmes. */
  listForPerson(aadId: string): Promise<ProgrammeTeam[]>;
}
