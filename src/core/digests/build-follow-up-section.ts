import type { ReviewId } from '../follow-up/planned-send';
import { countDaysBetween } from '../scheduling/local-days';
import type { FollowUpSection } from './digest';
import type { FollowUpFigures } from './digest-figures';

/** The follow-up part of a digest for one check-in month, with the next review if one is ahead. */
export function buildFollowUpSection(
  figures: FollowUpFigures,
  context: {
    month: string;
    previousMonth: string | null;
    today: string;
    nextReview: { review: ReviewId; day: string } | null;
  },
): FollowUpSection {
  const { teams, answered, byStatus } = figures;
  return {
    kind: 'follow-up',
    month: context.month,
    teams,
    answered,
    responseRate: teams === 0 ? null : Math.round((answered * 100) / teams),
    late: figures.late,
    byStatus: { ...byStatus, none: teams - answered },
    averageProgress: figures.averageProgress === null ? null : Math.round(figures.averageProgress),
    needingHelp: figures.needingHelp,
    unanswered: figures.unanswered,
    silent:
      figures.silent === null || context.previousMonth === null
        ? null
        : { ...figures.silent, previousMonth: context.previousMonth },
    unreachable: figures.unreachable,
    remindersSent: figures.remindersSent,
    nextReview:
      context.nextReview === null
        ? null
        : {
            ...context.nextReview,
            daysAway: countDaysBetween(context.today, context.nextReview.day),
            prepared: figures.reviewPrepared ?? 0,
            teams,
          },
  };
}
