import type { ProgrammeTeam, TeamPerson } from '../programmes/programme-team';
import type { FormationDraft, FormationParticipant } from './formation-draft';

/** A person who changes team when confirmed teams are changed. */
export interface TeamMove {
  person: TeamPerson;
  /** The team they leave; undefined for a participant who had none (accepted later). */
  from?: { id: string; number: number; name: string };
  to: { id: string; number: number; name: string };
}

/** Confirmed teams with the people the change moves, and the teams it touches. */
export interface TeamChange {
  teams: ProgrammeTeam[];
  moves: TeamMove[];
}

/**
 * A draft to change confirmed teams: everyone where they are (team `number - 1`), the
 * participants without a team (accepted since) left to the engine, nobody pinned.
 */
export function toChangeDraft(
  confirmed: readonly ProgrammeTeam[],
  participants: readonly FormationParticipant[],
  sizes: Pick<FormationDraft, 'minSize' | 'maxSize'>,
  stamp: { now: Date; by: string },
): FormationDraft {
  const teamOf = new Map<string, number>();
  for (const team of confirmed) {
    for (const member of team.members) teamOf.set(member.aadId.toLowerCase(), team.number - 1);
  }
  return {
    programmeId: confirmed[0]?.programmeId ?? '',
    seed: 0,
    teamCount: confirmed.length,
    minSize: sizes.minSize,
    maxSize: sizes.maxSize,
    userLocks: [],
    assignment: participants.flatMap((p) => {
      const team = teamOf.get(p.aadId.toLowerCase());
      return team === undefined ? [] : [{ person: p.aadId, team }];
    }),
    updatedAt: stamp.now,
    updatedBy: stamp.by,
    changesConfirmed: true,
  };
}

/**
 * Applies a changed formation to confirmed teams: each team keeps its id, number, name, space
 * and facilitators, and takes its new members; its lead stays unless they left, then the proposed
 * lead. Returns who moved, from where to where, so only they and their teams are told.
 */
export function applyTeamChanges(
  confirmed: readonly ProgrammeTeam[],
  proposed: readonly ProgrammeTeam[],
): TeamChange {
  const before = new Map<string, ProgrammeTeam>();
  for (const team of confirmed) {
    for (const member of team.members) before.set(member.aadId.toLowerCase(), team);
  }
  const moves: TeamMove[] = [];
  const teams = confirmed.map((team): ProgrammeTeam => {
    const next = proposed.find((candidate) => candidate.number === team.number);
    const members = next?.members ?? team.members;
    for (const member of members) {
      const previous = before.get(member.aadId.toLowerCase());
      if (previous?.id === team.id) continue;
      moves.push({
        person: member,
        ...(previous === undefined ? {} : { from: refOf(previous) }),
        to: refOf(team),
      });
    }
    const stays = members.some((m) => m.aadId.toLowerCase() === team.leadAadId.toLowerCase());
    return {
      ...team,
      members,
      leadAadId: stays ? team.leadAadId : (next?.leadAadId ?? members[0]?.aadId ?? ''),
    };
  });
  return { teams, moves };
}

function refOf(team: ProgrammeTeam): { id: string; number: number; name: string } {
  return { id: team.id, number: team.number, name: team.name };
}
