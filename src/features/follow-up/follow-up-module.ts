import type { TurnContext } from 'botbuilder';
import { declareAbsence } from '../../core/absences/declare-absence';
import { endAbsence } from '../../core/absences/end-absence';
import { answerCheckin } from '../../core/checkins/answer-checkin';
import { getCheckinView } from '../../core/checkins/get-checkin-view';
import { listTeamHistory } from '../../core/checkins/list-team-history';
import type { FollowUpActor } from '../../core/follow-up/follow-up-actor';
import type { FollowUpDeps } from '../../core/follow-up/follow-up-deps';
import type { FollowUpRefusal } from '../../core/follow-up/follow-up-outcome';
import { listFollowUpInputs } from '../../core/follow-up/list-follow-up-inputs';
import { listLabTeam } from '../../core/follow-up/list-lab-team';
import { planFollowUpSends } from '../../core/follow-up/plan-follow-up-sends';
import { answerReview } from '../../core/reviews/answer-review';
import { getReviewView, type ReviewCardRequest } from '../../core/reviews/get-review-view';
import { DEFAULT_TIME_ZONE } from '../../core/scheduling/compute-send-instant';
import { toLocalDay } from '../../core/time/to-local-day';
import type { MessageKey } from '../../i18n/fr';
import { formatDay } from '../../i18n/translate';
import type { Logger } from '../../logger';
import type { BotFeature, TurnHelpers } from '../../adapters/teams/bot-feature';
import { CardVerbs } from '../../adapters/teams/card-verbs';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { readTimezone } from '../../adapters/teams/read-activity';
import {
  buildCalendarCard,
  buildCheckinCard,
  buildHistoryCard,
  buildMessageCard,
  buildReviewCard,
  type Banner,
} from './follow-up-cards';
import { toFieldErrors } from '../candidacies/format-refusal';
import { onCardAction, type ActionData } from '../../adapters/teams/features/on-card-action';

/** "calendrier" shows the next 30 days (issue: "a readable card for the next 30 days"). */
export const CALENDAR_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const HISTORY =
  /^\s*(?:historique|history)(?:\s+(?:de\s+l['’]\s*)?(?:équipe|equipe|team|n°)?\s*(\d{1,3}))?\s*$/i;
const CALENDAR = /^\s*(?:calendrier|calendar)\s*$/i;
const ABSENT =
  /\b(?:je\s+suis\s+absente?\s+jusqu['’]?\s*(?:au|à|a)|i(?:['’]m|\s+am)\s+(?:away|absent|off)\s+until)\s+(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{2,4}))?/i;
const BACK = /^\s*(?:je\s+suis\s+de\s+retour|i(?:['’]m|\s+am)\s+back)\s*[.!]?\s*$/i;

/** What the check-in feature needs: the follow-up use cases' dependencies and a logger. */
export interface CheckinFeatureDeps {
  followUp: FollowUpDeps;
  logger: Logger;
}

/**
 * Monthly check-ins and reviews in Teams: answering the cards in place (Action.Execute, with the
 * card refreshed for everyone who sees it), errors next to their fields, "historique",
 * "calendrier" for the Lab team, and "je suis absent jusqu'au JJ/MM" / "je suis de retour".
 */
export function createCheckinFeature(deps: CheckinFeatureDeps): BotFeature {
  const core = deps.followUp;
  return (app, helpers) => {
    const actorOf = (context: TurnContext): FollowUpActor => ({
      aadId: context.activity.from?.aadObjectId ?? '',
      name: context.activity.from?.name ?? '',
      isLab: helpers.rolesOf(context).has('lab'),
    });
    const zoneOf = (context: TurnContext): string =>
      readTimezone(context.activity) ?? DEFAULT_TIME_ZONE;
    const refusalText = (refusal: FollowUpRefusal, card: CardContext): string => {
      const params = { ...refusal.params };
      if (typeof params.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.day)) {
        params.day = formatDay(params.day, card.language);
      }
      return card.t(`followUp.refusal.${refusal.code}` as MessageKey, params);
    };

    const checkinCard = async (
      context: TurnContext,
      data: ActionData,
      options: { editing?: boolean; banner?: Banner } = {},
    ): Promise<AdaptiveCardJson> => {
      const card = helpers.cardContextOf(context);
      const view = await getCheckinView(core, {
        programmeId: text(data.programmeId),
        teamId: text(data.teamId),
        month: text(data.month),
        viewer: actorOf(context),
      });
      if (!view.ok) return buildMessageCard(refusalText(view.refusal, card));
      return buildCheckinCard(card, {
        ...fromView(view.value),
        ...options,
        editing: options.editing === true && view.value.canAnswer,
        timeZone: zoneOf(context),
      });
    };

    onCardAction(app, helpers, CardVerbs.checkinRefresh, (context, data) =>
      checkinCard(context, data),
    );
    onCardAction(app, helpers, CardVerbs.checkinEdit, (context, data) =>
      checkinCard(context, data, { editing: true }),
    );
    onCardAction(app, helpers, CardVerbs.checkinAnswer, async (context, data) => {
      const card = helpers.cardContextOf(context);
      const outcome = await answerCheckin(core, {
        programmeId: text(data.programmeId),
        teamId: text(data.teamId),
        month: text(data.month),
        actor: actorOf(context),
        fields: data,
      });
      if (outcome.ok) {
        const late = outcome.value.answer?.late === true;
        return buildCheckinCard(card, {
          ...fromView(outcome.value),
          timeZone: zoneOf(context),
          banner: { text: card.t(late ? 'checkin.savedLate' : 'checkin.saved'), style: 'good' },
        });
      }
      const { refusal } = outcome;
      deps.logger.info(
        { verb: CardVerbs.checkinAnswer, refusal: refusal.code },
        'check-in refused',
      );
      if (refusal.code === 'invalid') {
        const view = await getCheckinView(core, {
          programmeId: text(data.programmeId),
          teamId: text(data.teamId),
          month: text(data.month),
          viewer: actorOf(context),
        });
        if (view.ok) {
          return buildCheckinCard(card, {
            ...fromView(view.value),
            editing: true,
            values: data,
            errors: toFieldErrors(refusal.issues, card),
            banner: { text: card.t('followUp.invalid'), style: 'attention' },
            timeZone: zoneOf(context),
          });
        }
      }
      return checkinCard(context, data, {
        banner: { text: refusalText(refusal, card), style: 'attention' },
      });
    });

    onCardAction(app, helpers, CardVerbs.checkinPause, async (context, data) => {
      const card = helpers.cardContextOf(context);
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(data.absentUntil));
      if (match === null) {
        return checkinCard(context, data, {
          banner: { text: card.t('absence.invalid'), style: 'attention' },
        });
      }
      const outcome = await declareAbsence(core, {
        aadId: actorOf(context).aadId,
        year: Number(match[1]),
        month: Number(match[2]),
        day: Number(match[3]),
        timeZone: zoneOf(context),
      });
      const banner: Banner = outcome.ok
        ? {
            text: card.t('absence.saved', { day: formatDay(outcome.value.until, card.language) }),
            style: 'good',
          }
        : { text: refusalText(outcome.refusal, card), style: 'attention' };
      return checkinCard(context, data, { banner });
    });

    const reviewCard = async (
      context: TurnContext,
      data: ActionData,
      options: { editing?: boolean; banner?: Banner } = {},
    ): Promise<AdaptiveCardJson> => {
      const card = helpers.cardContextOf(context);
      const view = await getReviewView(core, reviewRequest(context, data));
      if (!view.ok) return buildMessageCard(refusalText(view.refusal, card));
      return buildReviewCard(card, {
        ...fromView(view.value),
        ...options,
        editing: options.editing === true && view.value.canAnswer,
        timeZone: zoneOf(context),
      });
    };
    const reviewRequest = (context: TurnContext, data: ActionData): ReviewCardRequest => ({
      programmeId: text(data.programmeId),
      teamId: text(data.teamId),
      review: data.review === 'march' ? 'march' : 'december',
      kind: data.kind === 'outcome' ? 'outcome' : 'preparation',
      viewer: actorOf(context),
    });

    onCardAction(app, helpers, CardVerbs.reviewRefresh, (context, data) =>
      reviewCard(context, data),
    );
    onCardAction(app, helpers, CardVerbs.reviewEdit, (context, data) =>
      reviewCard(context, data, { editing: true }),
    );
    onCardAction(app, helpers, CardVerbs.reviewAnswer, async (context, data) => {
      const card = helpers.cardContextOf(context);
      const outcome = await answerReview(core, { ...reviewRequest(context, data), fields: data });
      if (outcome.ok) {
        return buildReviewCard(card, {
          ...fromView(outcome.value),
          timeZone: zoneOf(context),
          banner: { text: card.t('review.saved'), style: 'good' },
        });
      }
      const { refusal } = outcome;
      if (refusal.code === 'invalid') {
        const view = await getReviewView(core, reviewRequest(context, data));
        if (view.ok) {
          return buildReviewCard(card, {
            ...fromView(view.value),
            editing: true,
            values: data,
            errors: toFieldErrors(refusal.issues, card),
            banner: { text: card.t('followUp.invalid'), style: 'attention' },
            timeZone: zoneOf(context),
          });
        }
      }
      return reviewCard(context, data, {
        banner: { text: refusalText(refusal, card), style: 'attention' },
      });
    });

    const historyCard = async (
      context: TurnContext,
      teamNumber: number | undefined,
    ): Promise<AdaptiveCardJson> => {
      const card = helpers.cardContextOf(context);
      const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)
        ?.channel?.id;
      const outcome = await listTeamHistory(core, {
        viewer: actorOf(context),
        // A channel message's conversation id carries ";messageid=…" after the channel's id.
        conversationId: channelId ?? context.activity.conversation?.id?.split(';')[0],
        ...(teamNumber === undefined ? {} : { teamNumber }),
      });
      if (!outcome.ok) {
        return buildMessageCard(card.t('history.title'), [], {
          text: refusalText(outcome.refusal, card),
          style: 'attention',
        });
      }
      return buildHistoryCard(card, outcome.value);
    };

    const calendarCard = async (context: TurnContext): Promise<AdaptiveCardJson> => {
      const card = helpers.cardContextOf(context);
      const now = core.clock.now();
      const inputs = await listFollowUpInputs(core, toLocalDay(now, DEFAULT_TIME_ZONE));
      const actor = actorOf(context);
      const isLab =
        actor.isLab ||
        inputs.some((input) =>
          listLabTeam(input).some((m) => m.aadId.toLowerCase() === actor.aadId.toLowerCase()),
        );
      if (!isLab) {
        return buildMessageCard(card.t('calendar.title'), [], {
          text: card.t('calendar.forbidden'),
          style: 'attention',
        });
      }
      const range = { from: now, to: new Date(now.getTime() + CALENDAR_DAYS * DAY_MS) };
      const sends = inputs
        .flatMap((input) => planFollowUpSends(input, range))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
      const names = new Map(
        inputs.flatMap((input) =>
          input.teams.map((team) => [
            `${input.programme.id}/${team.id}`,
            card.t('followUp.team', { number: team.number, name: team.name }),
          ]),
        ),
      );
      return buildCalendarCard(card, sends, names);
    };

    onCardAction(app, helpers, CardVerbs.checkinHistory, (context, data) =>
      historyCard(context, typeof data.teamNumber === 'number' ? data.teamNumber : undefined),
    );
    onCardAction(app, helpers, CardVerbs.checkinCalendar, (context) => calendarCard(context));

    app.message(HISTORY, async (context) => {
      const number = HISTORY.exec(context.activity.text ?? '')?.[1];
      await send(
        helpers,
        context,
        await historyCard(context, number === undefined ? undefined : Number(number)),
      );
    });
    app.message(CALENDAR, async (context) => send(helpers, context, await calendarCard(context)));
    app.message(ABSENT, async (context) => {
      const card = helpers.cardContextOf(context);
      const match = ABSENT.exec(context.activity.text ?? '');
      const outcome = await declareAbsence(core, {
        aadId: actorOf(context).aadId,
        day: Number(match?.[1]),
        month: Number(match?.[2]),
        ...(match?.[3] === undefined ? {} : { year: Number(match[3]) }),
        timeZone: zoneOf(context),
      });
      await send(
        helpers,
        context,
        outcome.ok
          ? buildMessageCard(
              card.t('absence.saved', { day: formatDay(outcome.value.until, card.language) }),
            )
          : buildMessageCard(card.t('absence.invalid'), [], {
              text: refusalText(outcome.refusal, card),
              style: 'attention',
            }),
      );
    });
    app.message(BACK, async (context) => {
      const card = helpers.cardContextOf(context);
      const ended = await endAbsence(core, actorOf(context).aadId);
      await send(
        helpers,
        context,
        buildMessageCard(card.t(ended ? 'absence.ended' : 'absence.none')),
      );
    });
  };
}

async function send(
  helpers: TurnHelpers,
  context: TurnContext,
  card: AdaptiveCardJson,
): Promise<void> {
  await helpers.sendCard(context, card);
}

/** A card action's value as text; anything but a string (a forged payload) reads as empty. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A use case's view, renamed to what the card builders take. */
function fromView<T extends { card: unknown }>(view: T): Omit<T, 'card'> & { data: T['card'] } {
  const { card, ...rest } = view;
  return { ...rest, data: card };
}
