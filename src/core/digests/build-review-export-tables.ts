import type { CheckinAnswer } from '../follow-up/checkin-answer';
import { getFollowUpSettings } from '../programmes/follow-up-settings';
import type { ProgrammeTeam } from '../programmes/programme-team';
import type { Programme } from '../programmes/programme';
import type { ReviewAnswer } from '../follow-up/review-answer';
import type { ExportCell, ExportTable } from '../selection/build-export-tables';

/** The two sheets of the review meetings' export. */
export interface ReviewExportTables {
  checkins: ExportTable;
  reviews: ExportTable;
}

/**
 * Columns whose cells are codes the adapter words in the reader's language: check-in status, help
 * category, review, kind of answer, decision.
 */
export const CODED_COLUMNS = ['status', 'helpCategory', 'review', 'kind', 'decision'] as const;

const CHECKIN_COLUMNS = [
  'team',
  'teamName',
  'month',
  'status',
  'progress',
  'done',
  'nextSteps',
  'helpCategory',
  'helpText',
  'late',
  'answeredBy',
  'answeredAt',
] as const;

const REVIEW_COLUMNS = [
  'team',
  'teamName',
  'review',
  'kind',
  'results',
  'indicators',
  'decisionsNeeded',
  'nextSteps',
  'decision',
  'owner',
  'answeredBy',
  'answeredAt',
] as const;

/** Answer times as the Lab reads them: Paris wall-clock time, to the minute. */
const PARIS_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The export for the review meetings: one row per team and month of check-in (with the
 * programme's own indicators as extra columns), and one row per review preparation or outcome.
 * Rows follow the team numbers; answers of teams no longer formed come last.
 */
export function buildReviewExportTables(
  programme: Programme,
  teams: readonly ProgrammeTeam[],
  checkins: readonly CheckinAnswer[],
  reviews: readonly ReviewAnswer[],
): ReviewExportTables {
  const team = new Map(teams.map((t) => [t.id, t]));
  const order = (teamId: string): number => team.get(teamId)?.number ?? Number.MAX_SAFE_INTEGER;
  const indicators = getFollowUpSettings(programme).indicators;
  const teamCells = (teamId: string): ExportCell[] => [
    team.get(teamId)?.number ?? null,
    team.get(teamId)?.name ?? teamId,
  ];

  const checkinRows = [...checkins]
    .sort((a, b) => order(a.teamId) - order(b.teamId) || a.month.localeCompare(b.month))
    .map((answer): ExportCell[] => [
      ...teamCells(answer.teamId),
      answer.month,
      answer.status,
      answer.progress,
      answer.done,
      answer.nextSteps,
      answer.help.category,
      answer.help.text,
      answer.late,
      answer.answeredBy.name,
      PARIS_MINUTE.format(answer.answeredAt),
      ...indicators.map((indicator) => answer.indicators[indicator.id] ?? null),
    ]);

  const reviewRank = (answer: ReviewAnswer): number =>
    (answer.review === 'december' ? 0 : 2) + (answer.kind === 'preparation' ? 0 : 1);
  const reviewRows = [...reviews]
    .sort((a, b) => order(a.teamId) - order(b.teamId) || reviewRank(a) - reviewRank(b))
    .map((answer): ExportCell[] => {
      const preparation = answer.kind === 'preparation' ? answer.fields : undefined;
      const outcome = answer.kind === 'outcome' ? answer.fields : undefined;
      return [
        ...teamCells(answer.teamId),
        answer.review,
        answer.kind,
        preparation?.results ?? null,
        preparation?.indicators ?? null,
        preparation?.decisionsNeeded ?? null,
        answer.fields.nextSteps,
        outcome?.decision ?? null,
        outcome?.owner ?? null,
        answer.answeredBy.name,
        PARIS_MINUTE.format(answer.answeredAt),
      ];
    });

  return {
    checkins: {
      columns: [
        ...CHECKIN_COLUMNS.map((id) => ({ id })),
        ...indicators.map((indicator) => ({
          id: `indicator.${indicator.id}`,
          label:
            indicator.unit === undefined
              ? indicator.label
              : `${indicator.label} (${indicator.unit})`,
        })),
      ],
      rows: checkinRows,
    },
    reviews: { columns: REVIEW_COLUMNS.map((id) => ({ id })), rows: reviewRows },
  };
}
