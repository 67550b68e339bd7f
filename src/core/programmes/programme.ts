import type { FollowUpSettings } from './follow-up-settings';
import type { MeetingSettings } from './meeting-settings';
import type { HolidayCalendarId } from '../scheduling/holiday-calendars';

/** How people enter a programme: alone (then mixed into teams) or as a team from one organisation. */
export type IntakeMode = 'individual' | 'team';

/** The branches of the French social-security system, and partners outside it. */
export const BRANCHES = [
  'famille',
  'maladie',
  'retraite',
  'recouvrement',
  'informatique',
  'partenaire',
] as const;

/** A branch of the French social-security system, or a partner outside it. */
export type Branch = (typeof BRANCHES)[number];

/** An organisation that may take part in a programme. */
export interface Organisation {
  id: string;
  name: string;
  branch: Branch;
  region: string;
  /** IANA time zone, e.g. Europe/Paris or America/Cayenne. */
  timezone: string;
  holidays: HolidayCalendarId;
  /**
   * The e-mail domains that are this organisation's alone (e.g. `cnav.fr`): an applicant writing
   * from one is of this organisation, whatever they declare.
   */
  emailDomains?: string[];
  /**
   * False for an organisation not on Microsoft Teams yet: the bot writes to its people (known by
   * their e-mail domain) by e-mail instead of trying Teams. Absent: on Teams.
   */
  onTeams?: boolean;
}

/**
 * The organisation an e-mail address belongs to, when its domain is one organisation's alone
 * among the programme's; undefined when the domain is unknown or shared.
 */
export function findOrganisationByEmail(
  programme: Pick<Programme, 'organisations'>,
  email: string | null | undefined,
): Organisation | undefined {
  const domain = email?.split('@')[1]?.trim().toLowerCase();
  if (domain === undefined || domain === '') return undefined;
  const owners = programme.organisations.filter((organisation) =>
    (organisation.emailDomains ?? []).some((owned) => owned.toLowerCase() === domain),
  );
  return owners.length === 1 ? owners[0] : undefined;
}

/** The dated steps of a programme, as calendar days (YYYY-MM-DD) in Europe/Paris, in this order. */
export interface Milestones {
  candidacyOpen: string;
  candidacyClose: string;
  selectionCommittee: string;
  kickOff: string;
  hackathonStart: string;
  hackathonEnd: string;
  followUpStart: string;
  decemberReview: string;
  marchReview: string;
  end: string;
}

/** The milestones in calendar order; each must fall on or after the previous one. */
export const MILESTONE_ORDER: readonly (keyof Milestones)[] = [
  'candidacyOpen',
  'candidacyClose',
  'selectionCommittee',
  'kickOff',
  'hackathonStart',
  'hackathonEnd',
  'followUpStart',
  'decemberReview',
  'marchReview',
  'end',
];

/** Team-mode rules: how big an applying team must be and how many teams an organisation may send. */
export interface TeamIntake {
  minTeamSize: number;
  teamsPerOrganisation: number;
}

/** The retention durations a programme file may set, in days or months. */
export interface ProgrammeRetention {
  draftDaysAfterClose?: number;
  unselectedMonthsAfterCommittee?: number;
  participantMonthsAfterEnd?: number;
}

/** A member of the selection committee; never scores candidacies of their own organisation. */
export interface CommitteeMember {
  aadId: string;
  name: string;
  organisationId: string;
}

/** A programme such as one edition of the Défi du Lab. */
export interface Programme {
  id: string;
  name: string;
  theme: string;
  description: string;
  intakeMode: IntakeMode;
  /** Present when intakeMode is 'team'. */
  teamIntake?: TeamIntake;
  organisations: Organisation[];
  seats: number;
  maxPerOrganisation: number;
  themeOptions: { id: string; label: string }[];
  milestones: Milestones;
  committee?: CommitteeMember[];
  /** Scoring criteria of the selection committee (each scored 1 to 5). */
  criteria?: { id: string; label: string }[];
  /** When true, a candidate's line manager endorses the candidacy. */
  endorsementRequired?: boolean;
  /** Days an accepted candidate has to confirm participation. */
  confirmationDays?: number;
  privacyNoticeUrl?: string;
  /**
   * Retention durations this programme overrides (docs/personal-data.md); the defaults of
   * RETENTION_DEFAULTS apply to the others.
   */
  retention?: ProgrammeRetention;
  /** The programme's Teams team (its 19:…@thread.tacv2 id), whose General channel hosts the threads. */
  teamsTeamId?: string;
  /**
   * The same team's group id (a GUID, `groupId=` in Teams' "Get link to team"): Microsoft Graph
   * knows teams by it, so channels are created only when it is set.
   */
  teamsGroupId?: string;
  /**
   * The kind of channel each formed team gets (`teamsChannelType:` in the programme file):
   * standard (the default, open to every member of the programme's team), private or shared
   * (only the team's participants and facilitators, whom the bot adds and removes).
   */
  teamsChannelType?: TeamsChannelType;
  /** The Lab's extended team; two follow each formed team. */
  facilitators?: Facilitator[];
  /** Monthly check-in rules; the defaults apply when absent. */
  followUp?: FollowUpSettings;
  /** The meetings the bot puts on people's calendars; none when absent. */
  meetings?: MeetingSettings;
}

/** Graph's channel membership types, as a programme file may name them. */
export const TEAMS_CHANNEL_TYPES = ['standard', 'private', 'shared'] as const;
export type TeamsChannelType = (typeof TEAMS_CHANNEL_TYPES)[number];

/** A member of the Lab's extended team who can follow teams. */
export interface Facilitator {
  aadId: string;
  name: string;
  organisationId: string;
}

/** The organisation's name in the programme, or its id when unknown. */
export function getOrganisationName(programme: Programme, organisationId: string): string {
  return programme.organisations.find((o) => o.id === organisationId)?.name ?? organisationId;
}
