import type { CandidacyStatus } from '../candidacies/candidacy';
import type { CheckinStatus, HelpCategory } from '../follow-up/checkin-answer';
import type { ReviewId } from '../follow-up/planned-send';

/** What the call's digest is computed from. */
export interface CallFigures {
  /** Submitted candidacies not withdrawn (still in the running, or already decided). */
  candidacies: number;
  /** People those candidacies bring: one each, or a team's members in team mode. */
  people: number;
  /** Of those, the ones submitted since the start of the week. */
  newSince: number;
  withdrawn: number;
  /** Candidacies not withdrawn, per organisation; organisations without any are absent. */
  byOrganisation: { organisationId: string; candidacies: number }[];
  /** Forms saved but never submitted. */
  drafts: number;
}

/** What the selection's digest is computed from. */
export interface SelectionFigures {
  /** Candidacies and the people they bring, per status; every status is present. */
  byStatus: Record<CandidacyStatus, { candidacies: number; people: number }>;
  /** Candidacies not withdrawn with at least one committee score. */
  scored: number;
  /** Seats held (accepted or confirmed) per organisation; organisations holding none are absent. */
  seatsByOrganisation: { organisationId: string; people: number }[];
  /** Accepted candidacies whose confirmation deadline passed before today. */
  confirmationsOverdue: number;
  /** The earliest confirmation deadline still ahead (YYYY-MM-DD), or null. */
  nextConfirmBy: string | null;
}

/** A team as a digest names it. */
export interface TeamRef {
  teamId: string;
  number: number;
  name: string;
}

/** A team that said it is at risk or blocked this month, with what it asked the Lab for. */
export interface TeamAlert extends TeamRef {
  status: Extract<CheckinStatus, 'at-risk' | 'blocked'>;
  progress: number;
  helpCategory: HelpCategory;
  helpText: string;
}

/** A list cut to the first few entries, and how many there are in all. */
export interface Shortlist<T> {
  total: number;
  items: T[];
}

/** Which follow-up figures to count. */
export interface FollowUpQuery {
  programmeId: string;
  /** The check-in month reported (YYYY-MM). */
  month: string;
  /** The check-in month before it (skipped months excluded); null for the first one. */
  previousMonth: string | null;
  /** The next review, whose preparations are counted; null when none is ahead. */
  review: ReviewId | null;
  /** Only the teams this facilitator follows; every team of the programme when absent. */
  facilitatorAadId?: string;
  /** Longest list returned (teams needing help, silent, unanswered, unreachable). */
  listLimit: number;
}

/** What the follow-up's digest is computed from, for one check-in month. */
export interface FollowUpFigures {
  /** Teams in scope. */
  teams: number;
  /** Teams that answered this month's check-in, on time or late. */
  answered: number;
  late: number;
  byStatus: Record<CheckinStatus, number>;
  /** Mean progress of this month's answers (0 to 100), null when nobody answered. */
  averageProgress: number | null;
  /** At risk or blocked this month: blocked first, then by team number. */
  needingHelp: Shortlist<TeamAlert>;
  /** Teams without an answer this month, by number. */
  unanswered: Shortlist<TeamRef>;
  /** Teams without an answer this month nor the previous one; null without a previous month. */
  silent: Shortlist<TeamRef> | null;
  /**
   * People and channels the bot can no longer reach in this programme: `blocked` removed or
   * blocked the bot (Teams answers 403), `gone` no longer exist (404: left the organisation, chat
   * deleted). `teams` are the teams they belong to, by number.
   */
  unreachable: { recipients: number; blocked: number; gone: number; teams: Shortlist<TeamRef> };
  /** Check-in reminders delivered this month. */
  remindersSent: number;
  /** Teams whose preparation of the next review is recorded; null without a next review. */
  reviewPrepared: number | null;
}
