import { dateTimeFormat } from '../../core/scheduling/date-time-format';
import {
  HELP_CATEGORIES,
  CHECKIN_STATUSES,
  type CheckinAnswer,
  CheckinFieldIds,
  toIndicatorFieldId,
} from '../../core/follow-up/checkin-answer';
import type { WindowState } from '../../core/follow-up/checkin-window';
import type { TeamHistory } from '../../core/follow-up/list-team-history';
import {
  CHECKIN_TEXT_MAX_LENGTH,
  HELP_TEXT_MAX_LENGTH,
  INDICATOR_TEXT_MAX_LENGTH,
} from '../../core/follow-up/validate-checkin-fields';
import type {
  CheckinCardData,
  CheckinEscalationData,
  ReviewCardData,
  ReviewPackData,
  TeamHeading,
} from '../../core/follow-up/follow-up-notices';
import type { PlannedSend } from '../../core/follow-up/planned-send';
import {
  REVIEW_DECISIONS,
  type ReviewAnswer,
  ReviewFieldIds,
} from '../../core/follow-up/review-answer';
import {
  OWNER_MAX_LENGTH,
  REVIEW_TEXT_MAX_LENGTH,
} from '../../core/follow-up/validate-review-fields';
import { formatDay, formatLabelled, formatPercent, type Language } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import {
  buildCard,
  type CardButton,
  type CardModel,
  type CardInput,
} from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { FollowUpVerbs } from './follow-up-verbs';
import type { PlannedSessionSend } from '../../core/lab-sessions/preview-session-sends';
import { describeSessionSend } from '../lab-sessions/lab-sessions-cards';

/**
 * Lines of a page of the calendar card: 60 long lines weigh about 26 KB in UTF-16 (measured with
 * 800 teams in test/unit/features/national-scale-cards.test.ts), far under the 80 KB a card may
 * weigh, and people stop reading long before; the next sends are a page away.
 */
export const MAX_CALENDAR_LINES = 60;

/** Lab session sends listed under a programme's calendar; "calendrier des sessions" has them all. */
export const MAX_SESSION_LINES = 15;

/** Teams shown at once by "historique"; the Lab team names a team by its number to see another. */
export const MAX_HISTORY_TEAMS = 10;
/** Help requests are cut to this length in lists; the review pack and the check-in card show them whole. */
export const HELP_PREVIEW_LENGTH = 280;

/** A banner above a card: a result, a refusal or a reminder. */
import type { Banner } from '../../adapters/teams/cards/card-kit';
export type { Banner };

/** The month written out: "octobre 2026", "October 2026". */
export function formatMonth(month: string, language: Language): string {
  const key = `${language}|${month}`;
  const known = monthNames.get(key);
  if (known !== undefined) return known;
  const [year, monthOfYear] = month.split('-').map(Number);
  const name = dateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 1970, (monthOfYear ?? 1) - 1, 15)));
  // A programme year names a dozen months; the bound only guards against unexpected input.
  if (monthNames.size >= MAX_MONTH_NAMES) monthNames.clear();
  monthNames.set(key, name);
  return name;
}

/** Months written out, per language: a check-in card names its month several times. */
const monthNames = new Map<string, string>();
const MAX_MONTH_NAMES = 1_000;

function teamLabel(heading: TeamHeading, { t }: CardContext): string {
  return t('followUp.team', { number: heading.teamNumber, name: heading.teamName });
}

function answeredLine(
  answer: { answeredBy: { name: string }; answeredAt: Date },
  late: boolean,
  timeZone: string,
  { t, language }: CardContext,
): string {
  const localDay = dateTimeFormat('en-CA', { timeZone }).format(answer.answeredAt);
  const time = dateTimeFormat('fr-FR', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(answer.answeredAt);
  return t(late ? 'followUp.answeredByLate' : 'followUp.answeredBy', {
    name: answer.answeredBy.name,
    day: formatDay(localDay, language),
    time,
  });
}

/** What the check-in card shows to one person now. */
export interface CheckinCardInput {
  data: CheckinCardData;
  answer?: CheckinAnswer | undefined;
  window: WindowState;
  canAnswer: boolean;
  /** Show the form even though an answer exists (the person clicked "edit"). */
  editing?: boolean;
  /** The values just sent, to keep them on the form next to their errors. */
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  banner?: Banner;
  /** Zone to write the answer's time in: the viewer's. */
  timeZone: string;
}

/**
 * The monthly check-in card: the form while the team can answer, the answer with who gave it and
 * when once given (with an edit button for those who may), and a refresh so that everyone who
 * sees it, in the channel or in personal chat, gets the current state.
 */
export function buildCheckinCard(context: CardContext, input: CheckinCardInput): AdaptiveCardJson {
  const { t, language } = context;
  const { data, answer } = input;
  const month = formatMonth(data.month, language);
  const ids = { programmeId: data.programmeId, teamId: data.teamId, month: data.month };
  const model: CardModel = {
    title: t('checkin.title', { month, team: teamLabel(data, context) }),
    subtitle: t('followUp.subtitle', { programme: data.programmeName, lead: data.leadName }),
    refresh: { verb: FollowUpVerbs.checkinRefresh, data: ids, aadIds: data.viewerAadIds },
  };
  if (input.banner !== undefined) model.banner = input.banner;
  else if (data.reminderDay !== undefined && answer === undefined) {
    model.banner = { text: t('checkin.reminder', { month }), style: 'warning' };
  }
  const showForm = input.canAnswer && (answer === undefined || input.editing === true);
  if (showForm) {
    model.lines = [t('checkin.intro', { day: formatDay(data.answerByDay, language) })];
    model.inputs = checkinInputs(context, data, input.values ?? toValues(answer), input.errors);
    model.actions = [
      {
        title: t('checkin.action.answer'),
        verb: FollowUpVerbs.checkinAnswer,
        // The answer this form was made from: a newer one makes the answer refused, not lost.
        data: { ...ids, revision: answer?.revision ?? 0 },
        style: 'positive',
      },
    ];
    if (data.reminderDay !== undefined) {
      model.inputs.push({
        kind: 'date',
        id: 'absentUntil',
        label: t('checkin.pause.label'),
        value: '',
      });
      model.actions.push({
        title: t('checkin.action.pause'),
        verb: FollowUpVerbs.checkinPause,
        data: ids,
        secondary: true,
      });
    }
    return buildCard(model);
  }
  if (answer !== undefined) {
    model.lines = [answeredLine(answer, answer.late, input.timeZone, context)];
    model.facts = answerFacts(context, data, answer);
    if (input.canAnswer) {
      model.actions = [
        { title: t('checkin.action.edit'), verb: FollowUpVerbs.checkinEdit, data: ids },
      ];
    }
  } else {
    model.lines = [input.window === 'closed' ? t('checkin.closed') : t('checkin.readOnly')];
    model.facts = [{ label: t('checkin.field.status'), value: t('checkin.waiting') }];
  }
  if (answer !== undefined && input.window === 'closed') model.note = t('checkin.closed');
  return buildCard(model);
}

function toValues(answer: CheckinAnswer | undefined): Record<string, unknown> {
  if (answer === undefined) return {};
  const values: Record<string, unknown> = {
    [CheckinFieldIds.status]: answer.status,
    [CheckinFieldIds.progress]: answer.progress,
    [CheckinFieldIds.done]: answer.done,
    [CheckinFieldIds.nextSteps]: answer.nextSteps,
    [CheckinFieldIds.helpCategory]: answer.help.category,
    [CheckinFieldIds.helpText]: answer.help.text,
  };
  for (const [id, value] of Object.entries(answer.indicators)) {
    values[toIndicatorFieldId(id)] = value;
  }
  return values;
}

function checkinInputs(
  { t }: CardContext,
  data: CheckinCardData,
  values: Record<string, unknown>,
  errors: Record<string, string> = {},
): CardInput[] {
  const text = (id: string): string => {
    const value = values[id];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const number = (id: string): number | null => {
    const value = Number(text(id).replace(',', '.'));
    return text(id) === '' || !Number.isFinite(value) ? null : value;
  };
  const error = (id: string): string => errors[id] ?? '';
  // The four answers every check-in needs say so in their label, which a screen reader announces.
  const required = (label: string): string => t('checkin.field.required', { label });
  const inputs: CardInput[] = [
    {
      kind: 'choice',
      id: CheckinFieldIds.status,
      label: required(t('checkin.field.status')),
      value: text(CheckinFieldIds.status),
      choices: CHECKIN_STATUSES.map((status) => ({
        title: t(`checkin.status.${status}`),
        value: status,
      })),
      error: error(CheckinFieldIds.status),
    },
    {
      kind: 'number',
      id: CheckinFieldIds.progress,
      label: required(t('checkin.field.progress')),
      value: number(CheckinFieldIds.progress),
      min: 0,
      max: 100,
      error: error(CheckinFieldIds.progress),
    },
    {
      kind: 'text',
      id: CheckinFieldIds.done,
      label: required(t('checkin.field.done')),
      value: text(CheckinFieldIds.done),
      maxLength: CHECKIN_TEXT_MAX_LENGTH,
      multiline: true,
      error: error(CheckinFieldIds.done),
    },
    {
      kind: 'text',
      id: CheckinFieldIds.nextSteps,
      label: required(t('checkin.field.nextSteps')),
      value: text(CheckinFieldIds.nextSteps),
      maxLength: CHECKIN_TEXT_MAX_LENGTH,
      multiline: true,
      error: error(CheckinFieldIds.nextSteps),
    },
    {
      kind: 'choice',
      id: CheckinFieldIds.helpCategory,
      label: t('checkin.field.helpCategory'),
      value: text(CheckinFieldIds.helpCategory) || 'none',
      choices: HELP_CATEGORIES.map((category) => ({
        title: t(`checkin.help.${category}`),
        value: category,
      })),
      error: error(CheckinFieldIds.helpCategory),
    },
    {
      kind: 'text',
      id: CheckinFieldIds.helpText,
      label: t('checkin.field.helpText'),
      value: text(CheckinFieldIds.helpText),
      maxLength: HELP_TEXT_MAX_LENGTH,
      multiline: true,
      error: error(CheckinFieldIds.helpText),
    },
  ];
  for (const indicator of data.indicators) {
    const id = toIndicatorFieldId(indicator.id);
    const label =
      indicator.unit === undefined ? indicator.label : `${indicator.label} (${indicator.unit})`;
    inputs.push(
      indicator.type === 'number'
        ? { kind: 'number', id, label, value: number(id), error: error(id) }
        : {
            kind: 'text',
            id,
            label,
            value: text(id),
            maxLength: INDICATOR_TEXT_MAX_LENGTH,
            error: error(id),
          },
    );
  }
  return inputs;
}

function answerFacts(
  { t, language }: CardContext,
  data: CheckinCardData,
  answer: CheckinAnswer,
): { label: string; value: string }[] {
  const facts = [
    { label: t('checkin.field.status'), value: t(`checkin.status.${answer.status}`) },
    { label: t('checkin.field.progress'), value: formatPercent(answer.progress, language) },
    { label: t('checkin.field.done'), value: answer.done },
    { label: t('checkin.field.nextSteps'), value: answer.nextSteps },
    {
      label: t('checkin.field.helpCategory'),
      value:
        answer.help.category === 'none'
          ? t('checkin.help.none')
          : formatLabelled(t(`checkin.help.${answer.help.category}`), answer.help.text, language),
    },
  ];
  for (const indicator of data.indicators) {
    const value = answer.indicators[indicator.id];
    if (value === undefined) continue;
    facts.push({
      label: indicator.label,
      value: indicator.unit === undefined ? String(value) : `${value} ${indicator.unit}`,
    });
  }
  return facts;
}

/** The alert to a facilitator about a team that did not answer its check-in. */
export function buildEscalationCard(
  context: CardContext,
  data: CheckinEscalationData,
): AdaptiveCardJson {
  const { t, language } = context;
  const month = formatMonth(data.month, language);
  const lines = [
    t('checkin.escalation.text', {
      lead: data.leadName,
      month,
      days: formatOrdinals(data.reminderDays, language),
    }),
  ];
  if (data.leadAbsentUntil !== undefined) {
    lines.push(
      t('checkin.escalation.absent', {
        lead: data.leadName,
        day: formatDay(data.leadAbsentUntil, language),
      }),
    );
  }
  return buildCard({
    title: t('checkin.escalation.title', { team: teamLabel(data, context), month }),
    subtitle: data.programmeName,
    banner: { text: t('followUp.kind.checkin.escalation'), style: 'attention' },
    lines,
    actions: [
      {
        title: t('checkin.action.history'),
        verb: FollowUpVerbs.checkinHistory,
        data: { teamNumber: data.teamNumber },
      },
    ],
  });
}

/** What a review card shows to one person now. */
export interface ReviewCardInput {
  data: ReviewCardData;
  kind: ReviewAnswer['kind'];
  answer?: ReviewAnswer | undefined;
  window: WindowState;
  canAnswer: boolean;
  editing?: boolean;
  /** The card is the reminder two days before the review. */
  reminder?: boolean;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  banner?: Banner;
  timeZone: string;
}

/** A review card: the preparation form before the review, or the outcome form after it. */
export function buildReviewCard(context: CardContext, input: ReviewCardInput): AdaptiveCardJson {
  const { t, language } = context;
  const { data, kind, answer } = input;
  const review = t(`followUp.review.${data.review}`);
  const day = formatDay(data.reviewDay, language);
  const ids = { programmeId: data.programmeId, teamId: data.teamId, review: data.review, kind };
  const model: CardModel = {
    title: t(kind === 'preparation' ? 'review.preparation.title' : 'review.outcome.title', {
      review,
      team: teamLabel(data, context),
    }),
    subtitle: data.programmeName,
    lines: [
      t(kind === 'preparation' ? 'review.preparation.intro' : 'review.outcome.intro', { day }),
    ],
    refresh: { verb: FollowUpVerbs.reviewRefresh, data: ids, aadIds: data.viewerAadIds },
  };
  if (input.banner !== undefined) model.banner = input.banner;
  else if (input.reminder === true && answer === undefined) {
    model.banner = { text: t('review.preparation.reminder', { day }), style: 'warning' };
  }
  const values = input.values ?? (answer === undefined ? {} : { ...answer.fields });
  const errors = input.errors ?? {};
  if (input.canAnswer && (answer === undefined || input.editing === true)) {
    // One button sends this form, so Teams itself can hold it while a required field is empty.
    const requiredOf = (label: string) => ({
      label: t('checkin.field.required', { label }),
      required: { errorMessage: t('input.required', { label }) },
    });
    const text = (id: string, required: boolean, max: number): CardInput => {
      const label = t(`review.field.${id}` as 'review.field.results');
      return {
        kind: 'text',
        id,
        label,
        value: typeof values[id] === 'string' ? values[id] : '',
        maxLength: max,
        multiline: max > OWNER_MAX_LENGTH,
        error: errors[id] ?? '',
        ...(required ? requiredOf(label) : {}),
      };
    };
    model.inputs =
      kind === 'preparation'
        ? [
            text(ReviewFieldIds.results, true, REVIEW_TEXT_MAX_LENGTH),
            text(ReviewFieldIds.indicators, false, REVIEW_TEXT_MAX_LENGTH),
            text(ReviewFieldIds.decisionsNeeded, false, REVIEW_TEXT_MAX_LENGTH),
            text(ReviewFieldIds.nextSteps, true, REVIEW_TEXT_MAX_LENGTH),
          ]
        : [
            {
              kind: 'choice',
              id: ReviewFieldIds.decision,
              ...requiredOf(t('review.field.decision')),
              value: typeof values.decision === 'string' ? values.decision : '',
              choices: REVIEW_DECISIONS.map((decision) => ({
                title: t(`review.decision.${decision}`),
                value: decision,
              })),
              error: errors.decision ?? '',
            },
            text(ReviewFieldIds.nextSteps, true, REVIEW_TEXT_MAX_LENGTH),
            text(ReviewFieldIds.owner, true, OWNER_MAX_LENGTH),
          ];
    model.actions = [
      {
        title: t('review.action.answer'),
        verb: FollowUpVerbs.reviewAnswer,
        data: { ...ids, revision: answer?.revision ?? 0 },
        style: 'positive',
      },
    ];
    return buildCard(model);
  }
  if (answer !== undefined) {
    model.lines = [answeredLine(answer, false, input.timeZone, context)];
    model.facts = reviewFacts(context, answer);
    if (input.canAnswer) {
      model.actions = [
        { title: t('review.action.edit'), verb: FollowUpVerbs.reviewEdit, data: ids },
      ];
    }
  } else {
    model.lines?.push(input.window === 'closed' ? t('review.closed') : t('review.readOnly'));
  }
  return buildCard(model);
}

function reviewFacts({ t }: CardContext, answer: ReviewAnswer): { label: string; value: string }[] {
  if (answer.kind === 'outcome') {
    return [
      { label: t('review.field.decision'), value: t(`review.decision.${answer.fields.decision}`) },
      { label: t('review.field.nextSteps'), value: answer.fields.nextSteps },
      { label: t('review.field.owner'), value: answer.fields.owner },
    ];
  }
  return (['results', 'indicators', 'decisionsNeeded', 'nextSteps'] as const)
    .filter((id) => answer.fields[id] !== '')
    .map((id) => ({ label: t(`review.field.${id}`), value: answer.fields[id] }));
}

/** The Lab team's pack before a review: the team's check-ins over time and its preparation. */
export function buildReviewPackCard(context: CardContext, data: ReviewPackData): AdaptiveCardJson {
  const { t, language } = context;
  const review = t(`followUp.review.${data.review}`);
  const checkins = data.history.map((line) => {
    const text = t('history.line', {
      month: formatMonth(line.month, language),
      status: t(`checkin.status.${line.status}`),
      progress: line.progress,
      late: line.late ? ` (${t('followUp.late')})` : '',
      by: line.answeredBy,
    });
    return line.helpCategory === 'none'
      ? text
      : `${text}\n${t('history.help', { category: t(`checkin.help.${line.helpCategory}`), text: line.helpText })}`;
  });
  const preparation = data.preparation;
  return buildCard({
    title: t('review.pack.title', { team: teamLabel(data, context) }),
    subtitle: t('review.pack.subtitle', {
      programme: data.programmeName,
      review,
      day: formatDay(data.reviewDay, language),
    }),
    sections: [
      {
        title: t('review.pack.checkins'),
        texts: checkins.length > 0 ? checkins : [t('review.pack.noCheckin')],
      },
      preparation === null
        ? { title: t('review.pack.preparation'), texts: [t('review.pack.noPreparation')] }
        : {
            title: t('review.pack.preparation'),
            facts: (['results', 'indicators', 'decisionsNeeded', 'nextSteps'] as const)
              .filter((id) => preparation[id] !== '')
              .map((id) => ({ label: t(`review.field.${id}`), value: preparation[id] })),
          },
    ],
    actions: [
      {
        title: t('checkin.action.history'),
        verb: FollowUpVerbs.checkinHistory,
        data: { teamNumber: data.teamNumber },
      },
    ],
  });
}

/** "historique": each team's months, then its reviews. */
export function buildHistoryCard(context: CardContext, histories: TeamHistory[]): AdaptiveCardJson {
  const { t, language } = context;
  const more = histories.length - MAX_HISTORY_TEAMS;
  return buildCard({
    title: t('history.title'),
    lines: more > 0 ? [t('history.more', { count: more })] : [],
    sections: histories.slice(0, MAX_HISTORY_TEAMS).map((history) => {
      const months = history.answers.map((answer) => {
        const line = t('history.line', {
          month: formatMonth(answer.month, language),
          status: t(`checkin.status.${answer.status}`),
          progress: answer.progress,
          late: answer.late ? ` (${t('followUp.late')})` : '',
          by: answer.answeredBy.name,
        });
        return answer.help.category === 'none'
          ? line
          : `${line}\n${t('history.help', {
              category: t(`checkin.help.${answer.help.category}`),
              text: preview(answer.help.text),
            })}`;
      });
      const reviews = history.reviews.map((answer) =>
        answer.kind === 'outcome'
          ? t('history.review', {
              review: t(`followUp.review.${answer.review}`),
              decision: t(`review.decision.${answer.fields.decision}`),
              owner: answer.fields.owner,
            })
          : t('history.reviewPrepared', {
              review: t(`followUp.review.${answer.review}`),
              by: answer.answeredBy.name,
            }),
      );
      const texts = [...months, ...reviews];
      return {
        title: `${teamLabel(history.heading, context)} — ${history.heading.programmeName}`,
        texts: texts.length > 0 ? texts : [t('history.empty')],
      };
    }),
  });
}

/** "calendrier": the Lab team's view of every planned send of the next 30 days, by local day. */
export function buildCalendarCard(
  context: CardContext,
  sends: readonly PlannedSend[],
  teamNames: ReadonlyMap<string, string>,
  requestedPage = 0,
  programme?: { id: string; name: string },
  /** The Lab sessions' sends of the same days, for the Lab team: shown on the first page. */
  sessionSends: readonly PlannedSessionSend[] = [],
): AdaptiveCardJson {
  const { t, language } = context;
  const pageCount = Math.max(1, Math.ceil(sends.length / MAX_CALENDAR_LINES));
  const page = Math.min(Math.max(0, requestedPage), pageCount - 1);
  const first = page * MAX_CALENDAR_LINES;
  const shown = sends.slice(first, first + MAX_CALENDAR_LINES);
  const days = new Map<string, string[]>();
  for (const send of shown) {
    const team = teamNames.get(`${send.programmeId}/${send.teamId}`) ?? send.teamId;
    const line = t('calendar.line', {
      time: send.localTime,
      zone: send.timeZone,
      kind: t(`followUp.kind.${send.kind}`),
      team,
      recipient:
        send.recipient.kind === 'channel'
          ? t('followUp.channel', { team })
          : send.recipient.name || t('calendar.unnamed'),
    });
    days.set(send.localDay, [...(days.get(send.localDay) ?? []), line]);
  }
  const lines =
    programme === undefined ? [] : [t('calendar.programme', { programme: programme.name })];
  if (sends.length === 0) lines.push(t('calendar.empty'));
  const actions: CardButton[] = [];
  const paging = programme === undefined ? {} : { programmeId: programme.id };
  if (pageCount > 1) {
    lines.push(
      t('calendar.page', {
        from: first + 1,
        to: first + shown.length,
        total: sends.length,
        page: page + 1,
        pages: pageCount,
      }),
    );
    if (page > 0) {
      actions.push({
        title: t('calendar.previous'),
        verb: FollowUpVerbs.checkinCalendar,
        data: { ...paging, page: page - 1 },
      });
    }
    if (page < pageCount - 1) {
      actions.push({
        title: t('calendar.next'),
        verb: FollowUpVerbs.checkinCalendar,
        data: { ...paging, page: page + 1 },
      });
    }
  }
  const sessionLines = sessionSends.slice(0, MAX_SESSION_LINES).map((send) =>
    t('calendar.sessionLine', {
      day: formatDay(send.day, language),
      line: describeSessionSend(context, send),
    }),
  );
  if (sessionSends.length > MAX_SESSION_LINES) {
    sessionLines.push(
      t('calendar.moreSessions', { count: sessionSends.length - MAX_SESSION_LINES }),
    );
  }
  return buildCard({
    title: t('calendar.title'),
    actions,
    sections: [
      ...[...days.entries()].map(([day, texts]) => ({
        title: formatDay(day, language),
        texts,
      })),
      ...(page === 0 && sessionLines.length > 0
        ? [{ title: t('calendar.sessions'), texts: sessionLines }]
        : []),
    ],
    lines,
    note: t('calendar.note'),
  });
}

/** A short answer: a confirmation or a refusal, as a title with optional lines and banner. */
export function buildMessageCard(
  title: string,
  lines: string[] = [],
  banner?: Banner,
): AdaptiveCardJson {
  return buildCard(banner === undefined ? { title, lines } : { title, lines, banner });
}

function preview(text: string): string {
  return text.length <= HELP_PREVIEW_LENGTH ? text : `${text.slice(0, HELP_PREVIEW_LENGTH - 1)}…`;
}

/** "2e et 5e" / "2nd and 5th": the working days of the reminders, in words of the language. */
function formatOrdinals(days: readonly number[], language: Language): string {
  const rules = new Intl.PluralRules(language === 'fr' ? 'fr-FR' : 'en-GB', { type: 'ordinal' });
  const suffixes: Record<string, string> =
    language === 'fr'
      ? { one: 'er', other: 'e' }
      : { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const words = days.map((day) => `${day}${suffixes[rules.select(day)] ?? suffixes.other}`);
  return new Intl.ListFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }).format(
    words,
  );
}
