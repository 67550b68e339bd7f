import type { HistoryLine } from './follow-up-notices';
import type { CheckinAnswer } from './checkin-answer';

/** One answered month as the history shows it. */
export function toHistoryLine(answer: CheckinAnswer): HistoryLine {
  return {
    month: answer.month,
    status: answer.status,
    progress: answer.progress,
    helpCategory: answer.help.category,
    helpText: answer.help.text,
    late: answer.late,
    answeredBy: answer.answeredBy.name,
  };
}
