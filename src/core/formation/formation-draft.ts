import type { TeamLock } from '../team-formation/team-formation';

/** A participant as team formation sees them (one selected candidacy). */
export interface FormationParticipant {
  aadId: string;
  name: string;
  organisationId: string;
  /** Job role category, for the role mix. */
  role?: string;
  region?: string;
  /** Ranked theme wishes. */
  themes?: readonly string[];
}

/**
 * The formation a Lab organiser is looking at before confirming it: the seed it came from, the
 * people they locked, and where everyone currently is (edits included). Stored between clicks.
 */
export interface FormationDraft {
  programmeId: string;
  seed: number;
  teamCount: number;
  minSize: number;
  maxSize: number;
  /** People the organiser pinned to a team; a regeneration keeps them there. */
  userLocks: TeamLock[];
  /** Every participant's current team (0-based), in participant order. */
  assignment: TeamLock[];
  updatedAt: Date;
  updatedBy: string;
  /** A change of teams already confirmed: confirming it moves people, it does not form anew. */
  changesConfirmed?: boolean;
}
