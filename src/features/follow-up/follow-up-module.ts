import { z } from 'zod';
import { declareAbsence, endAbsence } from '../../core/follow-up/absences';
import { answerCheckin } from '../../core/follow-up/answer-checkin';
import { getCheckinView } from '../../core/follow-up/get-checkin-view';
import { listTeamHistory } from '../../core/follow-up/list-team-history';
import {
  type FollowUpActor,
  type FollowUpPlanInput,
  listFollowUpInputs,
  listLabTeam,
} from '../../core/follow-up/team-context';
import type { FollowUpDeps } from '../../core/follow-up/follow-up-deps';
import type { AnswerOutcome, FollowUpRefusal } from '../../core/follow-up/follow-up-outcome';
import { planFollowUpSends } from '../../core/follow-up/plan-follow-up-sends';
import { answerReview } from '../../core/follow-up/answer-review';
import { notifySponsorOfReview } from '../../core/selection/notify-sponsor';
import {
  getReviewView,
  type ReviewCardRequest,
  type ReviewView,
} from '../../core/follow-up/get-review-view';
import { DEFAULT_TIME_ZONE } from '../../core/scheduling/compute-send-instant';
import { toLocalDay } from '../../core/scheduling/local-days';
import { createCalendarsByZone } from '../../core/scheduling/holiday-calendars';
import { previewSessionSends } from '../../core/lab-sessions/preview-session-sends';
import { SqlLabSessionStore } from '../../adapters/sql/sql-lab-session-store';
import type { MessageKey } from '../../i18n/fr';
import { formatDay, formatInstant } from '../../i18n/translate';
import type { Logger } from '../../logger';
import { createFollowUpJob } from '../../jobs/create-follow-up-job';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import { createFollowUpRenderers } from './follow-up-notices';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import {
  cardDay,
  cardId,
  cardMonth,
  cardPage,
  cardRevision,
  optionalCardId,
  withInputs,
} from '../../adapters/teams/verbs/card-data';
import { buildProgrammeChoiceCard, pickProgramme } from '../programme-choice';
import { ALL_SCOPES, defineCardVerb } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import {
  buildCalendarCard,
  buildCheckinCard,
  buildHistoryCard,
  buildMessageCard,
  buildReviewCard,
  type Banner,
} from './follow-up-cards';
import { toFieldErrors } from '../../adapters/teams/cards/field-errors';
import { FollowUpVerbs } from './follow-up-verbs';

/** "calendrier" shows the next 30 days (issue: "a readable card for the next 30 days"). */
export const CALENDAR_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const HISTORY =
  /^\s*(?:historique|history)(?:\s+(?:de\s+l['’]\s*)?(?:équipe|equipe|team|n°)?\s*(\d{1,3}))?\s*$/i;
const CALENDAR = /^\s*(?:calendrier|calendar)\s*$/i;
const ABSENT =
  /\b(?:je\s+suis\s+absente?\s+jusqu['’]?\s*(?:au|à|a)|i(?:['’]m|\s+am)\s+(?:away|absent|off)\s+until)\s+(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{2,4}))?/i;
const BACK = /^\s*(?:je\s+suis\s+de\s+retour|i(?:['’]m|\s+am)\s+back)\s*[.!]?\s*$/i;

/** The check-in card's own data; the answer's fields come as the card's inputs. */
const CHECKIN_DATA = withInputs({
  programmeId: cardId,
  teamId: cardId,
  month: cardMonth,
  revision: cardRevision,
});
/** A review card's data: which review (December or March) and which card (preparation, outcome). */
const REVIEW_DATA = withInputs({
  programmeId: cardId,
  teamId: cardId,
  review: z.enum(['december', 'march']).optional(),
  kind: z.enum(['preparation', 'outcome']).optional(),
  revision: cardRevision,
});
const PAUSE_DATA = withInputs({
  programmeId: cardId,
  teamId: cardId,
  month: cardMonth,
  absentUntil: cardDay.optional(),
});
const HISTORY_DATA = z
  .object({ teamNumber: z.number().int().min(1).max(999).optional(), programmeId: optionalCardId })
  .passthrough();
const CALENDAR_DATA = z.object({ page: cardPage, programmeId: optionalCardId }).passthrough();

/**
 * Monthly check-ins and reviews in Teams: answering the cards in place (Action.Execute, with the
 * card refreshed for everyone who sees it), errors next to their fields, "historique",
 * "calendrier" for the Lab team, and "je suis absent jusqu'au JJ/MM" / "je suis de retour"; the
 * follow-up year's sends (check-ins, reminders, escalations, reviews) as a scheduled job.
 */
export function createFollowUpModule(
  platform: Pick<
    Platform,
    'followUp' | 'notifier' | 'logger' | 'programmeChoices' | 'candidacyCore' | 'database'
  >,
): FeatureModule {
  const core: FollowUpDeps = platform.followUp;
  // "calendrier" lists the Lab sessions' sends too, for the Lab team.
  const labSessions = new SqlLabSessionStore(platform.database.db);
  const calendarFor = createCalendarsByZone();
  /**
   * A review's outcome recorded for a team that came from a team candidacy: its sponsor hears of
   * it (issue 14). A failure to tell them never undoes the answer.
   */
  const tellSponsor = async (outcome: AnswerOutcome<ReviewView>): Promise<void> => {
    if (!outcome.ok || outcome.value.answer?.kind !== 'outcome') return;
    const { answer } = outcome.value;
    try {
      const programme = await core.programmes.get(answer.programmeId);
      const team = await core.teams.get(answer.programmeId, answer.teamId);
      if (programme === undefined || team === undefined) return;
      await notifySponsorOfReview(platform.candidacyCore, programme, team, {
        review: answer.review,
        decision: answer.fields.decision,
        nextSteps: answer.fields.nextSteps,
        owner: answer.fields.owner,
        revision: answer.revision,
      });
    } catch (error) {
      logger.warn({ err: error, verb: FollowUpVerbs.reviewAnswer }, 'sponsor not told');
    }
  };
  const choice = (turn: Turn, subject: string) => ({
    choices: platform.programmeChoices,
    aadId: turn.sender.aadId,
    subject,
  });
  const logger: Logger = platform.logger;
  const actorOf = (turn: Turn): FollowUpActor => ({
    aadId: turn.sender.aadId,
    name: turn.sender.name,
    isLab: turn.sender.isLab,
  });
  const zoneOf = (turn: Turn): string => turn.sender.timeZone ?? DEFAULT_TIME_ZONE;
  const refusalText = (refusal: FollowUpRefusal, card: CardContext, timeZone?: string): string => {
    const params = { ...refusal.params };
    if (typeof params.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.day)) {
      params.day = formatDay(params.day, card.language);
    }
    if (typeof params.at === 'string' && params.at !== '') {
      params.at = formatInstant(new Date(params.at), card.language, timeZone ?? DEFAULT_TIME_ZONE);
    }
    return card.t(`followUp.refusal.${refusal.code}` as MessageKey, params);
  };

  const checkinCard = async (
    turn: Turn,
    data: { programmeId: string; teamId: string; month: string },
    options: { editing?: boolean; banner?: Banner } = {},
  ): Promise<AdaptiveCardJson> => {
    const view = await getCheckinView(core, {
      programmeId: data.programmeId,
      teamId: data.teamId,
      month: data.month,
      viewer: actorOf(turn),
    });
    if (!view.ok) return buildMessageCard(refusalText(view.refusal, turn.card));
    return buildCheckinCard(turn.card, {
      ...fromView(view.value),
      ...options,
      editing: options.editing === true && view.value.canAnswer,
      timeZone: zoneOf(turn),
    });
  };

  const reviewRequest = (turn: Turn, data: z.infer<typeof REVIEW_DATA>): ReviewCardRequest => ({
    programmeId: data.programmeId,
    teamId: data.teamId,
    review: data.review ?? 'december',
    kind: data.kind ?? 'preparation',
    viewer: actorOf(turn),
  });

  const reviewCard = async (
    turn: Turn,
    data: z.infer<typeof REVIEW_DATA>,
    options: { editing?: boolean; banner?: Banner } = {},
  ): Promise<AdaptiveCardJson> => {
    const view = await getReviewView(core, reviewRequest(turn, data));
    if (!view.ok) return buildMessageCard(refusalText(view.refusal, turn.card));
    return buildReviewCard(turn.card, {
      ...fromView(view.value),
      ...options,
      editing: options.editing === true && view.value.canAnswer,
      timeZone: zoneOf(turn),
    });
  };

  /**
   * "historique": in a team's space, that team's; otherwise the teams of the one programme the
   * person follows, asking which one when they follow teams in several (the choice is remembered).
   */
  const historyCard = async (
    turn: Turn,
    teamNumber: number | undefined,
    programmeId?: string,
  ): Promise<AdaptiveCardJson> => {
    const refused = (refusal: FollowUpRefusal): AdaptiveCardJson =>
      buildMessageCard(turn.card.t('history.title'), [], {
        text: refusalText(refusal, turn.card),
        style: 'attention',
      });
    const outcome = await listTeamHistory(core, {
      viewer: actorOf(turn),
      conversationId: turn.sender.conversationId,
      ...(teamNumber === undefined ? {} : { teamNumber }),
      ...(programmeId === undefined ? {} : { programmeId }),
    });
    if (!outcome.ok) return refused(outcome.refusal);
    const programmes = [
      ...new Map(
        outcome.value.map(({ heading }) => [
          heading.programmeId,
          { id: heading.programmeId, name: heading.programmeName },
        ]),
      ).values(),
    ];
    const pick = pickProgramme({
      ...choice(turn, 'history'),
      named: programmeId === undefined ? undefined : programmes[0],
      relevant: programmes,
      fallback: undefined,
    });
    if (pick.kind === 'ask') {
      return buildProgrammeChoiceCard(
        turn.card,
        pick.programmes,
        FollowUpVerbs.checkinHistory,
        teamNumber === undefined ? {} : { teamNumber },
      );
    }
    return buildHistoryCard(
      turn.card,
      outcome.value.filter(
        ({ heading }) => pick.kind !== 'programme' || heading.programmeId === pick.programme.id,
      ),
    );
  };

  /**
   * "calendrier": the next 30 days of one programme's sends, for its Lab team: the only programme
   * in follow-up, or the one chosen (asked when several are, and remembered).
   */
  const calendarCard = async (
    turn: Turn,
    page = 0,
    programmeId?: string,
  ): Promise<AdaptiveCardJson> => {
    const { card } = turn;
    const now = core.clock.now();
    const actor = actorOf(turn);
    const isLabOf = (input: FollowUpPlanInput): boolean =>
      actor.isLab ||
      listLabTeam(input).some((m) => m.aadId.toLowerCase() === actor.aadId.toLowerCase());
    const inputs = (await listFollowUpInputs(core, toLocalDay(now, DEFAULT_TIME_ZONE))).filter(
      isLabOf,
    );
    const refused = (key: 'calendar.forbidden' | 'calendar.unknownProgramme'): AdaptiveCardJson =>
      buildMessageCard(card.t('calendar.title'), [], { text: card.t(key), style: 'attention' });
    if (inputs.length === 0) return refused('calendar.forbidden');
    let named: FollowUpPlanInput | undefined;
    if (programmeId !== undefined) {
      // A programme the card names must be one this person runs, in follow-up: nothing else shows.
      named = inputs.find((input) => input.programme.id === programmeId);
      if (named === undefined) return refused('calendar.unknownProgramme');
    }
    const withTeams = inputs.filter((input) => input.teams.length > 0);
    const pick = pickProgramme({
      ...choice(turn, 'calendar'),
      named: named?.programme,
      relevant: (withTeams.length > 0 ? withTeams : inputs).map((input) => input.programme),
      fallback: undefined,
    });
    if (pick.kind === 'ask') {
      return buildProgrammeChoiceCard(card, pick.programmes, FollowUpVerbs.checkinCalendar);
    }
    const input = inputs.find(
      (candidate) => pick.kind === 'programme' && candidate.programme.id === pick.programme.id,
    );
    if (input === undefined) return refused('calendar.forbidden');
    const range = { from: now, to: new Date(now.getTime() + CALENDAR_DAYS * DAY_MS) };
    const sends = planFollowUpSends(input, range).sort(
      (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key),
    );
    const names = new Map(
      input.teams.map((team) => [
        `${input.programme.id}/${team.id}`,
        card.t('followUp.team', { number: team.number, name: team.name }),
      ]),
    );
    // The Lab team sees the Lab sessions' sends of the same days under the programme's.
    const sessionSends = actor.isLab
      ? await previewSessionSends(
          { sessions: labSessions, calendarFor },
          {
            from: toLocalDay(now, DEFAULT_TIME_ZONE),
            to: toLocalDay(
              new Date(now.getTime() + (CALENDAR_DAYS - 1) * DAY_MS),
              DEFAULT_TIME_ZONE,
            ),
          },
        )
      : [];
    return buildCalendarCard(
      card,
      sends,
      names,
      page,
      { id: input.programme.id, name: input.programme.name },
      sessionSends,
    );
  };

  /**
   * An answer to a check-in or review card: the card refreshed with the answer, or, for an
   * invalid form, the card as it stands with each error under its field, or the card with the
   * reason it was refused.
   */
  const answerCard = async <View extends { card: unknown }, Data extends Record<string, unknown>>(
    turn: Turn,
    data: Data,
    steps: {
      verb: string;
      answer: () => Promise<AnswerOutcome<View>>;
      build: (
        card: CardContext,
        model: Omit<View, 'card'> & {
          data: View['card'];
          timeZone: string;
          banner?: Banner;
          editing?: boolean;
          values?: Record<string, unknown>;
          errors?: Record<string, string>;
        },
      ) => AdaptiveCardJson;
      saved: (view: View) => MessageKey;
      current: (banner: Banner) => Promise<AdaptiveCardJson>;
    },
  ): Promise<AdaptiveCardJson> => {
    const { card } = turn;
    const outcome = await steps.answer();
    if (outcome.ok) {
      return steps.build(card, {
        ...fromView(outcome.value),
        timeZone: zoneOf(turn),
        banner: { text: card.t(steps.saved(outcome.value)), style: 'good' },
      });
    }
    const { refusal } = outcome;
    logger.info({ verb: steps.verb, refusal: refusal.code }, 'answer refused');
    if (refusal.code !== 'invalid' && outcome.current !== undefined) {
      // An answer over an older one: the card as it stands now, with who answered since.
      return steps.build(card, {
        ...fromView(outcome.current),
        timeZone: zoneOf(turn),
        banner: { text: refusalText(refusal, card, zoneOf(turn)), style: 'attention' },
      });
    }
    if (refusal.code === 'invalid' && outcome.current !== undefined) {
      return steps.build(card, {
        ...fromView(outcome.current),
        editing: true,
        values: data,
        errors: toFieldErrors(refusal.issues, card),
        banner: { text: card.t('followUp.invalid'), style: 'attention' },
        timeZone: zoneOf(turn),
      });
    }
    return steps.current({ text: refusalText(refusal, card), style: 'attention' });
  };

  const teamVerb = { guard: Guards.programmePeople, scopes: ALL_SCOPES } as const;
  const verbs = [
    defineCardVerb({
      verb: FollowUpVerbs.checkinRefresh,
      data: CHECKIN_DATA,
      ...teamVerb,
      handle: (turn, data) => checkinCard(turn, data),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.checkinEdit,
      data: CHECKIN_DATA,
      ...teamVerb,
      handle: (turn, data) => checkinCard(turn, data, { editing: true }),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.checkinAnswer,
      data: CHECKIN_DATA,
      ...teamVerb,
      handle: (turn, data) =>
        answerCard(turn, data, {
          verb: FollowUpVerbs.checkinAnswer,
          answer: () =>
            answerCheckin(core, {
              programmeId: data.programmeId,
              teamId: data.teamId,
              month: data.month,
              actor: actorOf(turn),
              fields: data,
              ...(data.revision === undefined ? {} : { shownRevision: data.revision }),
            }),
          build: buildCheckinCard,
          saved: (view) => (view.answer?.late === true ? 'checkin.savedLate' : 'checkin.saved'),
          current: (banner) => checkinCard(turn, data, { banner }),
        }),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.checkinPause,
      data: PAUSE_DATA,
      ...teamVerb,
      handle: async (turn, data) => {
        const { card } = turn;
        // The card first: someone who may not see this team's card pauses nothing through it.
        const view = await getCheckinView(core, {
          programmeId: data.programmeId,
          teamId: data.teamId,
          month: data.month,
          viewer: actorOf(turn),
        });
        if (!view.ok) return buildMessageCard(refusalText(view.refusal, card));
        const show = (banner: Banner): AdaptiveCardJson =>
          buildCheckinCard(card, { ...fromView(view.value), banner, timeZone: zoneOf(turn) });
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(data.absentUntil ?? '');
        if (match === null) return show({ text: card.t('absence.invalid'), style: 'attention' });
        const outcome = await declareAbsence(core, {
          aadId: turn.sender.aadId,
          year: Number(match[1]),
          month: Number(match[2]),
          day: Number(match[3]),
          timeZone: zoneOf(turn),
        });
        return show(
          outcome.ok
            ? {
                text: card.t('absence.saved', {
                  day: formatDay(outcome.value.until, card.language),
                }),
                style: 'good',
              }
            : { text: refusalText(outcome.refusal, card), style: 'attention' },
        );
      },
    }),
    defineCardVerb({
      verb: FollowUpVerbs.reviewRefresh,
      data: REVIEW_DATA,
      ...teamVerb,
      handle: (turn, data) => reviewCard(turn, data),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.reviewEdit,
      data: REVIEW_DATA,
      ...teamVerb,
      handle: (turn, data) => reviewCard(turn, data, { editing: true }),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.reviewAnswer,
      data: REVIEW_DATA,
      ...teamVerb,
      handle: (turn, data) =>
        answerCard(turn, data, {
          verb: FollowUpVerbs.reviewAnswer,
          answer: async () => {
            const outcome = await answerReview(core, {
              ...reviewRequest(turn, data),
              fields: data,
              ...(data.revision === undefined ? {} : { shownRevision: data.revision }),
            });
            await tellSponsor(outcome);
            return outcome;
          },
          build: buildReviewCard,
          saved: () => 'review.saved',
          current: (banner) => reviewCard(turn, data, { banner }),
        }),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.checkinHistory,
      data: HISTORY_DATA,
      guard: Guards.staff,
      scopes: ALL_SCOPES,
      handle: (turn, data) => historyCard(turn, data.teamNumber, data.programmeId),
    }),
    defineCardVerb({
      verb: FollowUpVerbs.checkinCalendar,
      data: CALENDAR_DATA,
      guard: Guards.anyLab,
      forbidden: 'calendar.forbidden',
      scopes: ALL_SCOPES,
      handle: (turn, data) => calendarCard(turn, data.page, data.programmeId),
    }),
  ];

  const commands = [
    defineTextCommand({
      id: 'follow-up.history',
      pattern: HISTORY,
      examples: { fr: 'historique', en: 'history' },
      guard: Guards.staff,
      scopes: ALL_SCOPES,
      handle: async (turn, match) =>
        turn.send(await historyCard(turn, match[1] === undefined ? undefined : Number(match[1]))),
    }),
    defineTextCommand({
      id: 'follow-up.calendar',
      pattern: CALENDAR,
      examples: { fr: 'calendrier', en: 'calendar' },
      guard: Guards.anyLab,
      forbidden: 'calendar.forbidden',
      scopes: ALL_SCOPES,
      handle: async (turn) => turn.send(await calendarCard(turn)),
    }),
    defineTextCommand({
      id: 'follow-up.absent',
      pattern: ABSENT,
      examples: { fr: 'je suis absent jusqu’au 04/12', en: 'I am away until 04/12' },
      guard: Guards.staff,
      scopes: ALL_SCOPES,
      handle: async (turn, match) => {
        const { card } = turn;
        const outcome = await declareAbsence(core, {
          aadId: turn.sender.aadId,
          day: Number(match[1]),
          month: Number(match[2]),
          ...(match[3] === undefined ? {} : { year: Number(match[3]) }),
          timeZone: zoneOf(turn),
        });
        await turn.send(
          outcome.ok
            ? buildMessageCard(
                card.t('absence.saved', { day: formatDay(outcome.value.until, card.language) }),
              )
            : buildMessageCard(card.t('absence.invalid'), [], {
                text: refusalText(outcome.refusal, card),
                style: 'attention',
              }),
        );
      },
    }),
    defineTextCommand({
      id: 'follow-up.back',
      pattern: BACK,
      examples: { fr: 'je suis de retour', en: 'I am back' },
      guard: Guards.staff,
      scopes: ALL_SCOPES,
      handle: async (turn) => {
        const ended = await endAbsence(core, turn.sender.aadId);
        await turn.send(buildMessageCard(turn.card.t(ended ? 'absence.ended' : 'absence.none')));
      },
    }),
  ];

  return {
    name: 'follow-up',
    verbs,
    commands,
    notices: createFollowUpRenderers(),
    // Monthly check-ins at 09:30 in each lead's time zone, reminders, escalations and reviews.
    scheduledJobs: [createFollowUpJob({ ...core, notifier: platform.notifier, logger })],
  };
}

/** A use case's view, renamed to what the card builders take. */
function fromView<T extends { card: unknown }>(view: T): Omit<T, 'card'> & { data: T['card'] } {
  const { card, ...rest } = view;
  return { ...rest, data: card };
}
