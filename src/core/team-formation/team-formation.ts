/** Language of the sentences the engine writes; French is the bot's default. */
export type TeamFormationLanguage = 'fr' | 'en';

/** A selected participant to place in a team. Only `id`, `organisation` and `branch` are required. */
export interface TeamFormationPerson {
  id: string;
  organisation: string;
  branch: string;
  role?: string;
  region?: string;
  /** Theme ids, most wanted first; only the first few ranks count (see THEME_RANKS). */
  themes?: readonly string[];
  /** Free attributes, e.g. `{ "genre": "F" }`, that the optional isolation rule can read. */
  attributes?: Readonly<Record<string, string>>;
}

/** A member of the Lab's extended team who can follow teams. */
export interface TeamFormationFacilitator {
  id: string;
  organisation: string;
}

/** A person who must stay in one team; `team` is the 0-based index into the result's `teams`. */
export interface TeamLock {
  person: string;
  team: number;
}

/** Everything the engine needs: who, how many teams, the size bounds and the hard rules. */
export interface TeamFormationInput {
  people: readonly TeamFormationPerson[];
  teamCount: number;
  minSize: number;
  maxSize: number;
  facilitators?: readonly TeamFormationFacilitator[];
  locked?: readonly TeamLock[];
  /** Pairs of person ids that must never share a team. */
  apart?: readonly (readonly [string, string])[];
  /** Attribute (`role`, `region`, `branch` or a key of `attributes`) on which nobody should be alone in a team. */
  noIsolation?: string;
  /** Display names of organisations, so sentences say "Cpam de la Sarthe" rather than an id. */
  organisations?: readonly { id: string; name: string }[];
}

/** One formed team: members and facilitators in input order, its 0–100 score and the sentences behind it. */
export interface FormedTeam {
  members: string[];
  facilitators: string[];
  score: number;
  /** The theme most members asked for, when people gave theme wishes. */
  theme?: string;
  explanation: string[];
}

/** A complete, valid formation. `hardViolations` is always 0: it is reported so callers can check. */
export interface TeamFormationResult {
  teams: FormedTeam[];
  worstScore: number;
  meanScore: number;
  hardViolations: number;
  seed: number;
}

/** Why the hard rules cannot be met, with the figures an organiser needs to fix the input. */
export type InfeasibilityReason =
  | { code: 'too-few-people'; people: number; teamCount: number; minSize: number }
  | { code: 'too-many-people'; people: number; teamCount: number; maxSize: number }
  | { code: 'organisation-too-large'; organisation: string; people: number; teamCount: number }
  | { code: 'locked-twice'; person: string; teams: [number, number] }
  | { code: 'team-over-locked'; team: number; locked: number; maxSize: number }
  | {
      code: 'colleagues-locked-together';
      team: number;
      organisation: string;
      people: [string, string];
    }
  | { code: 'apart-locked-together'; team: number; people: [string, string] }
  | { code: 'too-few-facilitators'; facilitators: number }
  | { code: 'no-team-for-person'; person: string; organisation: string }
  | { code: 'team-too-small'; team: number; size: number; minSize: number };

/** The engine's answer: a formation, or the reasons there is none, already written as sentences. */
export type TeamFormationOutcome =
  | { feasible: true; result: TeamFormationResult }
  | { feasible: false; reasons: InfeasibilityReason[]; explanation: string[]; seed: number };
