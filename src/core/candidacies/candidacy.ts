import type { IntakeMode } from '../programmes/programme';

/** Job role categories a candidate picks from; the catalogues name each one. */
export const JOB_ROLES = [
  'management',
  'production',
  'expertise',
  'health',
  'it',
  'support',
  'other',
] as const;

/** A job role category, as stored; shown through the `jobRole.<id>` messages. */
export type JobRole = (typeof JOB_ROLES)[number];

/**
 * Where a candidacy stands. `lapsed`: accepted, but not confirmed before the deadline.
 * Drafts are not candidacies: they live apart until submitted.
 */
export const CANDIDACY_STATUSES = [
  'submitted',
  'waitlisted',
  'accepted',
  'confirmed',
  'declined',
  'withdrawn',
  'lapsed',
] as const;

export type CandidacyStatus = (typeof CANDIDACY_STATUSES)[number];

/** Statuses that hold seats: the seat count and the per-organisation maximum count these. */
export const SEAT_HOLDING_STATUSES: readonly CandidacyStatus[] = ['accepted', 'confirmed'];

/** Statuses of a candidacy still in the running or selected (not withdrawn, declined or lapsed). */
export const LIVE_STATUSES: readonly CandidacyStatus[] = [
  'submitted',
  'waitlisted',
  'accepted',
  'confirmed',
];

/** What an individual candidate answers on the form. */
export interface IndividualAnswers {
  mode: 'individual';
  jobRole: JobRole;
  region: string;
  /** Required only when the programme asks for the line manager's endorsement. */
  managerEmail: string | null;
  motivation: string;
  /** Theme ids in order of preference, 1 to 3, no repeats. */
  themeWishes: string[];
  availableForKickOff: boolean;
  availableForHackathon: boolean;
  /** Answers to the form's other fields, by field id (see CANDIDACY_FORM). */
  extra?: Record<string, string | boolean>;
  /** How the organisation applied for is known: checked against the applicant's e-mail domain. */
  organisationCheckedBy?: 'emailDomain';
}

/** A member of an applying team: a Teams user (Entra object id) or someone known by email only. */
export type TeamMember = { kind: 'user'; aadId: string } | { kind: 'email'; email: string };

/** What a team referent answers on the form for their organisation's team. */
export interface TeamAnswers {
  mode: 'team';
  teamName: string;
  /** The other members; the referent is always a member too. */
  members: TeamMember[];
  projectIdea: string;
  sponsor: string;
  /** The sponsor's address (lower case), when given: they are told the Lab's decision. */
  sponsorEmail?: string;
  availableForKickOff: boolean;
  availableForHackathon: boolean;
  /** Answers to the form's other fields, by field id (see CANDIDACY_FORM). */
  extra?: Record<string, string | boolean>;
  /** How the organisation applied for is known: checked against the applicant's e-mail domain. */
  organisationCheckedBy?: 'emailDomain';
}

export type CandidacyAnswers = IndividualAnswers | TeamAnswers;

/** The line manager's opinion on a candidacy, when the programme asks for one. */
export interface Endorsement {
  managerEmail: string;
  /** The manager's Entra object id, when the directory knew the email at request time. */
  managerAadId: string | null;
  status: 'pending' | 'endorsed' | 'declined';
  comment: string;
  requestedAt: Date;
  answeredAt: Date | null;
  /** Entra object id of whoever answered (the manager, resolved when they answer in Teams). */
  answeredBy: string | null;
}

/** Who applies: the candidate, or in team mode the team's referent. */
export interface Applicant {
  aadId: string;
  name: string;
  /** Their e-mail, when Teams gave it: they may not name themselves as their manager. */
  email?: string | null;
}

/** A submitted candidacy (individual or team) and where it stands in the selection. */
export interface Candidacy {
  id: string;
  programmeId: string;
  mode: IntakeMode;
  applicant: Applicant;
  organisationId: string;
  status: CandidacyStatus;
  answers: CandidacyAnswers;
  /** People this candidacy brings: 1 for an individual, the team's size in team mode. */
  seatCount: number;
  endorsement: Endorsement | null;
  /**
   * When the form with its information notice was submitted: the record that the notice was
   * shown (RGPD art. 13). No consent is asked; the column keeps its historical name.
   */
  consentAt: Date;
  submittedAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** When it joined the waitlist: the first waitlisted is the one waiting longest. */
  waitlistedAt: Date | null;
  /** Last calendar day (Europe/Paris) an accepted candidate may confirm. */
  confirmBy: string | null;
  confirmedAt: Date | null;
}

/** A form saved before submission: raw field values, kept until the applicant submits. */
export interface CandidacyDraft {
  programmeId: string;
  applicant: Applicant;
  /** Field id → value as the card sent it (text), so the form reopens exactly as left. */
  fields: Record<string, string>;
  updatedAt: Date;
}

/** True while a candidacy still counts: submitted, waitlisted, accepted or confirmed. */
export function isLive(candidacy: Pick<Candidacy, 'status'>): boolean {
  return LIVE_STATUSES.includes(candidacy.status);
}

/** True when the candidacy holds seats (accepted or confirmed). */
export function holdsSeats(candidacy: Pick<Candidacy, 'status'>): boolean {
  return SEAT_HOLDING_STATUSES.includes(candidacy.status);
}
