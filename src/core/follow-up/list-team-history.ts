import {
  type FollowUpActor,
  listFollowUpInputs,
  resolveTeamRoles,
  toTeamHeading,
  mayReadTeam,
} from './team-context';
import type { FollowUpDeps } from './follow-up-deps';
import type { TeamHeading, HistoryLine } from './follow-up-notices';
import { refuseFollowUp, type FollowUpOutcome } from './follow-up-outcome';
import type { ReviewAnswer } from './review-answer';
import { toLocalDay } from '../scheduling/local-days';
import type { CheckinAnswer } from './checkin-answer';

/** A team's past check-ins and review answers, oldest first. */
export interface TeamHistory {
  heading: TeamHeading;
  answers: CheckinAnswer[];
  reviews: ReviewAnswer[];
}

/** Which team's history is asked for: the channel it was asked in, a team number, or the asker's own teams. */
export interface HistoryRequest {
  viewer: FollowUpActor;
  /** The conversation "historique" was typed in; a team's channel picks that team. */
  conversationId?: string;
  teamNumber?: number;
  /** Only this programme's teams (a choice card names it); the others are not read. */
  programmeId?: string;
}

/**
 * "historique": the check-in history of a team for its members, its facilitators and the Lab
 * team. In a team's channel it is that team's; with a number, that team's; otherwise every team
 * the person belongs to or follows (every team, for the Lab team). Anyone else is refused.
 */
export async function listTeamHistory(
  deps: FollowUpDeps,
  request: HistoryRequest,
): Promise<FollowUpOutcome<TeamHistory[]>> {
  const inputs = await listFollowUpInputs(deps, toLocalDay(deps.clock.now(), 'Europe/Paris'));
  const candidates = inputs
    .filter(
      (input) => request.programmeId === undefined || input.programme.id === request.programmeId,
    )
    .flatMap((input) => input.teams.map((team) => ({ input, team })));
  const allowed = candidates.filter(({ input, team }) =>
    mayReadTeam(resolveTeamRoles(request.viewer, team, input)),
  );
  const inChannel = candidates.filter(
    ({ team }) =>
      request.conversationId !== undefined &&
      team.workspace?.conversationId === request.conversationId,
  );
  let chosen;
  if (inChannel.length > 0 && request.teamNumber === undefined) {
    chosen = allowed.filter((entry) => inChannel.includes(entry));
    if (chosen.length === 0) return refuseFollowUp('notReader');
  } else if (request.teamNumber !== undefined) {
    const numbered = candidates.filter(({ team }) => team.number === request.teamNumber);
    if (numbered.length === 0) return refuseFollowUp('notFound', { number: request.teamNumber });
    chosen = allowed.filter((entry) => numbered.includes(entry));
    if (chosen.length === 0) return refuseFollowUp('notReader');
  } else {
    chosen = allowed;
    if (chosen.length === 0) return refuseFollowUp('noTeam');
  }
  const histories: TeamHistory[] = [];
  for (const { input, team } of chosen) {
    histories.push({
      heading: toTeamHeading(input.programme, team),
      answers: await deps.checkins.listByTeam(input.programme.id, team.id),
      reviews: await deps.reviews.listByTeam(input.programme.id, team.id),
    });
  }
  return { ok: true, value: histories };
}

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
