import type { ReachLog } from '../ports/reach-log';
import type { ReviewId } from '../follow-up/planned-send';
import type { SessionsSummary } from '../lab-sessions/summarise-sessions';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { DigestSource } from '../ports/digest-source';
import { getProgrammePhase } from '../programmes/get-programme-phase';
import type { Programme } from '../programmes/programme';
import { createHolidayCalendar, type HolidayCalendar } from '../scheduling/holiday-calendars';
import { toLocalDay } from '../scheduling/local-days';
import { buildCallSection } from './build-call-section';
import { buildFollowUpSection } from './build-follow-up-section';
import type { ReachSource } from './build-reach-section';
import { buildRetentionSection } from './build-retention-section';
import { buildSelectionSection } from './build-selection-section';
import type { Digest, DigestSection } from './digest';
import { listUpcomingMilestones } from './list-upcoming-milestones';
import { pickCheckinMonth } from './pick-checkin-month';

/**
 * Longest list of teams a digest names (needing help, silent, unanswered, unreachable); the rest
 * is counted. Eight lines is what a Teams card shows without scrolling on a laptop, and it keeps
 * a national programme's card far under the 80 KB a bot message may weigh.
 */
export const DIGEST_LIST_LIMIT = 8;

/** Milestones listed at the bottom of every digest: the next three cover about two months. */
export const DIGEST_MILESTONES = 3;

/** "New this week": the weekly digest goes out every seven days. */
const WEEK_DAYS = 7;

/** Programme days are Paris calendar days. */
const PROGRAMME_TIMEZONE = 'Europe/Paris';

/** What building a digest reads. */
export interface DigestDeps {
  source: DigestSource;
  clock: Clock;
  /** The Lab's holiday calendar, which dates the check-ins it reports; mainland France by default. */
  calendar?: HolidayCalendar;
  /** The Lab sessions' figures; the Lab team's digest gains a sessions section with them. */
  sessions?: { summarise(): Promise<SessionsSummary> };
  /** The audit trail, where the retention job records what it purged; absent: no retention lines. */
  audit?: Pick<AuditLog, 'list'>;
  /** How notices reached people; absent: no reach lines. */
  reach?: Pick<ReachLog, 'count'>;
  /** The routes of the bot's messages (Teams, e-mail, none); absent: no reach section. */
  emailReach?: ReachSource;
}

let franceCalendar: HolidayCalendar | undefined;

/**
 * The digest of a programme today, with the sections its phase calls for: the call while it is
 * open, the selection until the hackathon, the follow-up once a check-in went out. For a
 * facilitator, only the follow-up of the teams they follow.
 */
export async function getProgrammeDigest(
  deps: DigestDeps,
  programme: Programme,
  options: { facilitatorAadId?: string } = {},
): Promise<Digest> {
  const now = deps.clock.now();
  const today = toLocalDay(now, PROGRAMME_TIMEZONE);
  const phase = getProgrammePhase(programme.milestones, today);
  const facilitator = options.facilitatorAadId;
  const sections: DigestSection[] = [];
  const weekAgo = new Date(now.getTime() - WEEK_DAYS * 24 * 60 * 60 * 1000);

  if (facilitator === undefined && phase === 'call-open') {
    sections.push(
      buildCallSection(programme, await deps.source.countCall(programme.id, weekAgo), today),
    );
  }
  if (facilitator === undefined && ['selection', 'kick-off', 'hackathon'].includes(phase)) {
    sections.push(
      buildSelectionSection(programme, await deps.source.countSelection(programme.id, today)),
    );
  }
  if (phase === 'follow-up' || phase === 'ended') {
    const calendar = deps.calendar ?? (franceCalendar ??= createHolidayCalendar('FR'));
    const checkin = pickCheckinMonth(programme, today, calendar);
    if (checkin !== undefined) {
      const nextReview = findNextReview(programme, today);
      const figures = await deps.source.countFollowUp({
        programmeId: programme.id,
        month: checkin.month,
        previousMonth: checkin.previousMonth,
        review: nextReview?.review ?? null,
        ...(facilitator === undefined ? {} : { facilitatorAadId: facilitator }),
        listLimit: DIGEST_LIST_LIMIT,
      });
      sections.push(buildFollowUpSection(figures, { ...checkin, today, nextReview }));
    }
  }

  if (facilitator === undefined && deps.sessions !== undefined) {
    const summary = await deps.sessions.summarise();
    if (Object.values(summary.byStatus).some((count) => count > 0)) {
      sections.push({ kind: 'sessions', ...summary });
    }
  }

  const retention =
    facilitator === undefined && deps.audit !== undefined
      ? buildRetentionSection(
          programme,
          today,
          // The retention job's entries of the week only: the trail of a national programme is long.
          await deps.audit.list(programme.id, { action: 'personalData.retention', since: weekAgo }),
          weekAgo,
        )
      : undefined;
  const reach =
    facilitator === undefined && deps.reach !== undefined
      ? await deps.reach.count(programme.id, weekAgo)
      : undefined;
  const reached = reach !== undefined && Object.values(reach.byRoute).some((count) => count > 0);
  const emailReach =
    facilitator === undefined && deps.emailReach !== undefined
      ? await deps.emailReach.summariseReach(weekAgo, DIGEST_LIST_LIMIT)
      : undefined;
  const emailReachShown =
    emailReach !== undefined && emailReach.teams + emailReach.email + emailReach.none > 0
      ? emailReach
      : undefined;
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    phase,
    today,
    ...(facilitator === undefined ? {} : { facilitatorAadId: facilitator }),
    sections,
    milestones: listUpcomingMilestones(programme.milestones, today, DIGEST_MILESTONES),
    ...(retention === undefined ? {} : { retention }),
    ...(reached ? { reach } : {}),
    ...(emailReachShown === undefined ? {} : { emailReach: emailReachShown }),
  };
}

/** The next review on or after today. */
function findNextReview(
  programme: Programme,
  today: string,
): { review: ReviewId; day: string } | null {
  const { decemberReview, marchReview } = programme.milestones;
  if (decemberReview >= today) return { review: 'december', day: decemberReview };
  if (marchReview >= today) return { review: 'march', day: marchReview };
  return null;
}
