import type { ReachCounts } from '../ports/reach-log';
import type { CheckinStatus } from '../follow-up/checkin-answer';
import type { SessionsSummary } from '../lab-sessions/summarise-sessions';
import type { ReviewId } from '../follow-up/planned-send';
import type { ProgrammePhase } from '../programmes/get-programme-phase';
import type { Branch, Milestones } from '../programmes/programme';
import type { ReachSection } from './build-reach-section';
import type { RetentionSection } from './build-retention-section';
import type { Shortlist, TeamAlert, TeamRef } from './digest-figures';

/** A count for one organisation, named as the programme names it. */
export interface OrganisationCount {
  organisationId: string;
  name: string;
  count: number;
}

/** Where the call for candidacies stands. */
export interface CallSection {
  kind: 'call';
  candidacies: number;
  people: number;
  newThisWeek: number;
  withdrawn: number;
  /** Forms saved but not submitted. */
  drafts: number;
  closesOn: string;
  /** Days from today to the closing day: 0 on the closing day itself. */
  daysLeft: number;
  /** Organisations with candidacies, most first (ties in the programme's order). */
  byOrganisation: OrganisationCount[];
  /** Organisations of the programme with no candidacy yet. */
  organisationsWithout: number;
  /** Every branch of the programme's organisations, most candidacies first. */
  byBranch: { branch: Branch; count: number }[];
}

/** Where the selection stands. */
export interface SelectionSection {
  kind: 'selection';
  /** Candidacies not withdrawn. */
  candidacies: number;
  scored: number;
  notScored: number;
  /** Candidacies per decision; `awaiting` are submitted and not decided yet. */
  decisions: {
    awaiting: number;
    accepted: number;
    confirmed: number;
    waitlisted: number;
    declined: number;
    lapsed: number;
  };
  seats: number;
  /** People holding seats (accepted or confirmed). */
  seatsTaken: number;
  seatsLeft: number;
  maxPerOrganisation: number;
  /** Seats held per organisation, most first. */
  seatsByOrganisation: OrganisationCount[];
  /** Organisations that reached the maximum per organisation. */
  organisationsFull: OrganisationCount[];
  /** Organisations that can still be given seats. */
  organisationsWithRoom: number;
  waitlist: { candidacies: number; people: number };
  /** Accepted candidacies not confirmed yet; `overdue` missed their deadline. */
  confirmations: { pending: number; overdue: number; nextDeadline: string | null };
}

/** Where the monthly follow-up stands, for one check-in month. */
export interface FollowUpSection {
  kind: 'follow-up';
  month: string;
  teams: number;
  answered: number;
  /** Answered share in percent, rounded; null without teams. */
  responseRate: number | null;
  late: number;
  /** Answers per status, and `none` for the teams that did not answer. */
  byStatus: Record<CheckinStatus | 'none', number>;
  averageProgress: number | null;
  needingHelp: Shortlist<TeamAlert>;
  unanswered: Shortlist<TeamRef>;
  /** Silent this month and in `previousMonth`; null on the first check-in. */
  silent: (Shortlist<TeamRef> & { previousMonth: string }) | null;
  unreachable: { recipients: number; blocked: number; gone: number; teams: Shortlist<TeamRef> };
  remindersSent: number;
  nextReview: {
    review: ReviewId;
    day: string;
    daysAway: number;
    prepared: number;
    teams: number;
  } | null;
}

/** Lab session requests by status (they run beside the programmes, whatever their phase). */
export interface SessionsSection extends SessionsSummary {
  kind: 'sessions';
}

/** One section of a digest; which ones appear depends on the programme's phase. */
export type DigestSection = CallSection | SelectionSection | FollowUpSection | SessionsSection;

/** A milestone still ahead, and how far. */
export interface UpcomingMilestone {
  name: keyof Milestones;
  date: string;
  daysAway: number;
}

/** The digest of one programme on one day: what the Lab team reads in one glance. */
export interface Digest {
  programmeId: string;
  programmeName: string;
  phase: ProgrammePhase;
  /** YYYY-MM-DD, Europe/Paris. */
  today: string;
  /** Set for a facilitator's digest: only their teams are counted. */
  facilitatorAadId?: string;
  sections: DigestSection[];
  milestones: UpcomingMilestone[];
  /** The Lab team's digest: personal data purged this week and due within a month. */
  retention?: RetentionSection;
  /** The Lab team's digest: how notices reached people this week, and who could not be reached, why. */
  reach?: ReachCounts;
  /** The Lab team's digest: by which route the bot's messages of the week arrived, or why not. */
  emailReach?: ReachSection;
}
