import {
  DEFAULT_MEETING_MINUTES,
  MEETING_DURATIONS,
  toMeetingInstants,
} from '../../core/lab-sessions/qualification-meeting';
import type { SessionViewer } from '../../core/lab-sessions/get-session-request';
import {
  MAX_EFFORT_DAYS,
  QUALIFICATION_TEXT_FIELDS,
} from '../../core/lab-sessions/record-qualification';
import { PREPARATION_MILESTONES } from '../../core/lab-sessions/plan-preparation-milestones';
import type { PlannedSessionSend } from '../../core/lab-sessions/preview-session-sends';
import {
  MAX_SEQUENCING_BLOCKS,
  SEQUENCING_METHODS,
} from '../../core/lab-sessions/record-sequencing';
import { COLD_DEBRIEF_FIELDS, HOT_DEBRIEF_FIELDS } from '../../core/lab-sessions/answer-debrief';
import {
  COLD_DEBRIEF_DEFAULT_DAYS,
  COLD_DEBRIEF_MAX_DAYS,
  COLD_DEBRIEF_MIN_DAYS,
  getAudience,
  MAX_SESSION_PARTICIPANTS,
  type SessionRequest,
  type SessionStatus,
} from '../../core/lab-sessions/session-request';
import {
  REQUEST_COUNT_FIELDS,
  REQUEST_TEXT_FIELDS,
  type RequestFormValues,
} from '../../core/lab-sessions/validate-request-fields';
import type { ValidationIssue } from '../../core/validation/validation-issue';
import { PARTICIPANT_INPUTS } from '../../core/lab-sessions/manage-participants';
import {
  describeMix,
  MAX_LISTED_PARTICIPANTS,
  type SessionParticipant,
} from '../../core/lab-sessions/session-participant';
import { countDaysBetween } from '../../core/scheduling/local-days';
import { formatDay, isMessageKey } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import {
  buildCard,
  type Banner,
  type CardButton,
  type CardInput,
} from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { LabSessionVerbs } from './lab-sessions-verbs';
import {
  PRIORITY_RATINGS,
  scoreEffort,
  type PriorityWeights,
  type RankedRequest,
} from '../../core/lab-sessions/prioritise-requests';

/** What the viewer typed, shown again with the errors under each field. */
export interface FormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  banner?: Banner;
}

/** The request form, refilled from a draft or from what was sent, with each error under its field. */
export function buildRequestFormCard(
  context: CardContext,
  state: { values: RequestFormValues; errors?: Record<string, string>; banner?: Banner },
): AdaptiveCardJson {
  const { t } = context;
  const errors = state.errors ?? {};
  const inputs: CardInput[] = [
    ...REQUEST_TEXT_FIELDS.map((field): CardInput => ({
      kind: 'text',
      id: field.id,
      label: t(`labSession.field.${field.id}`),
      value: state.values[field.id] ?? '',
      maxLength: field.maxLength,
      multiline: field.multiline,
      ...(field.id === 'desiredPeriod'
        ? { placeholder: t('labSession.placeholder.desiredPeriod') }
        : {}),
      ...withError(errors[field.id]),
    })),
    ...REQUEST_COUNT_FIELDS.map((id): CardInput => ({
      kind: 'number',
      id,
      label: t(`labSession.field.${id}`),
      value: toNumber(state.values[id]),
      min: 0,
      max: MAX_SESSION_PARTICIPANTS,
      ...withError(errors[id]),
    })),
  ];
  return buildCard({
    title: t('labSession.form.title'),
    lines: [t('labSession.form.intro')],
    ...(state.banner === undefined ? {} : { banner: state.banner }),
    inputs,
    actions: [
      { title: t('labSession.action.submit'), verb: LabSessionVerbs.submit, style: 'positive' },
      { title: t('labSession.action.saveDraft'), verb: LabSessionVerbs.saveDraft },
    ],
  });
}

/** The confirmation the requester gets, with the tracking number to quote. */
export function buildConfirmationCard(
  context: CardContext,
  request: SessionRequest,
): AdaptiveCardJson {
  const { t } = context;
  const params = { tracking: request.trackingNumber, subject: request.fields.subject };
  return buildCard({
    title: t('labSession.confirmation.title', params),
    banner: { text: t('labSession.confirmation.body', params), style: 'good' },
    facts: requestFacts(context, request),
    actions: [
      {
        title: t('labSession.action.open', { tracking: request.trackingNumber }),
        verb: LabSessionVerbs.view,
        data: { requestId: request.id },
      },
      { title: t('labSession.action.mine'), verb: LabSessionVerbs.mine },
    ],
  });
}

/** A person offered as facilitator, by name when the bot knows it. */
export interface FacilitatorChoice {
  aadId: string;
  name: string;
}

/**
 * A request as its viewer may see it, with the step the viewer may take now: the Lab team names
 * the facilitators, then records the go / no-go; after a go, the facilitators and the Lab team
 * set the date; the requester may withdraw an open request.
 */
export function buildRequestCard(
  context: CardContext,
  request: SessionRequest,
  viewer: SessionViewer,
  extra: FormState & {
    pool?: readonly FacilitatorChoice[];
    labIds?: readonly string[];
    participants?: ParticipantsView;
  } = {},
): AdaptiveCardJson {
  const { t, language } = context;
  const values = extra.values ?? {};
  const errors = extra.errors ?? {};
  const inputs: CardInput[] = [];
  const actions: CardButton[] = [];
  const data = { requestId: request.id };
  if (viewer.isLab && (request.status === 'requested' || request.status === 'qualification')) {
    if (request.status === 'requested') {
      const pool = (extra.pool ?? []).filter(
        (person) => person.aadId.toLowerCase() !== request.requester.aadId.toLowerCase(),
      );
      inputs.push({
        kind: 'choice',
        id: 'facilitators',
        label: t('labSession.field.facilitators'),
        value: values.facilitators ?? '',
        multiSelect: true,
        choices: pool.map((person) => ({
          title:
            person.name === '' ? t('labSession.unknownPerson', { id: person.aadId }) : person.name,
          value: person.aadId,
        })),
        ...withError(errors.facilitators),
      });
      inputs.push(...meetingInputs(context, request, values, errors));
      actions.push({ title: t('labSession.action.qualify'), verb: LabSessionVerbs.qualify, data });
    } else {
      if (request.qualification !== null) {
        // The Lab team rates the qualified request for the prioritisation, before its go.
        inputs.push(...priorityInputs(context, request, values, errors));
        actions.push({
          title: t('labSession.action.prioritise'),
          verb: LabSessionVerbs.prioritise,
          data,
        });
      }
      inputs.push(
        {
          kind: 'choice',
          id: 'decision',
          label: t('labSession.field.decision'),
          value: values.decision ?? '',
          choices: (['go', 'noGo', 'notNow'] as const).map((kind) => ({
            title: t(`labSession.decision.${kind}`),
            value: kind,
          })),
          ...withError(errors.decision),
        },
        {
          kind: 'text',
          id: 'reason',
          label: t('labSession.field.reason'),
          value: values.reason ?? '',
          maxLength: 1000,
          multiline: true,
          ...withError(errors.reason),
        },
        {
          kind: 'date',
          id: 'revisitOn',
          label: t('labSession.field.revisitOn'),
          value: values.revisitOn ?? '',
          ...withError(errors.revisitOn),
        },
      );
      actions.push({
        title: t('labSession.action.decide'),
        verb: LabSessionVerbs.decide,
        data,
        style: 'positive',
      });
    }
  }
  if ((viewer.isLab || viewer.isFacilitator) && request.status === 'qualification') {
    inputs.unshift(
      ...qualificationInputs(context, request, values, errors),
      // The Lab team or a facilitator sets or moves the qualification meeting.
      ...meetingInputs(context, request, values, errors),
    );
    actions.unshift(
      {
        title: t('labSession.action.qualification'),
        verb: LabSessionVerbs.qualification,
        data,
      },
      { title: t('labSession.action.meeting'), verb: LabSessionVerbs.meeting, data },
    );
  }
  if ((viewer.isLab || viewer.isFacilitator) && request.status === 'preparation') {
    const weeks = [];
    for (let days = COLD_DEBRIEF_MIN_DAYS; days <= COLD_DEBRIEF_MAX_DAYS; days += 7) {
      weeks.push({ title: t('labSession.weeks', { weeks: days / 7 }), value: String(days / 7) });
    }
    inputs.push(
      {
        kind: 'date',
        id: 'sessionDay',
        label: t('labSession.field.sessionDay'),
        value: values.sessionDay ?? request.sessionDay ?? '',
        ...withError(errors.sessionDay),
      },
      {
        kind: 'choice',
        id: 'coldDebriefWeeks',
        label: t('labSession.field.coldDebriefWeeks'),
        value: values.coldDebriefWeeks ?? String(COLD_DEBRIEF_DEFAULT_DAYS / 7),
        choices: weeks,
        ...withError(errors.coldDebriefWeeks),
      },
    );
    if (viewer.isLab) {
      inputs.push({
        kind: 'toggle',
        id: 'overrideMinimum',
        label: t('labSession.field.overrideMinimum'),
        value: values.overrideMinimum === 'true',
      });
    }
    actions.push({ title: t('labSession.action.schedule'), verb: LabSessionVerbs.schedule, data });
    inputs.push(...sequencingInputs(context, request, values, errors));
    actions.push({
      title: t('labSession.action.sequencing'),
      verb: LabSessionVerbs.sequencing,
      data,
    });
  }
  const participants = extra.participants;
  if (participants?.editable === true) {
    inputs.push(...participantInputs(context, participants, values, errors));
    actions.push({
      title: t('labSession.action.addParticipants'),
      verb: LabSessionVerbs.addParticipants,
      data,
    });
    if (participants.seated.length + participants.waitlist.length > 0) {
      actions.push({
        title: t('labSession.action.removeParticipants'),
        verb: LabSessionVerbs.removeParticipants,
        data,
      });
    }
  }
  if (viewer.isLab && participants !== undefined && participants.seated.length > 0) {
    actions.push({ title: t('labSession.action.badges'), verb: LabSessionVerbs.badges, data });
  }
  if (
    viewer.isRequester &&
    ['requested', 'qualification', 'preparation', 'postponed'].includes(request.status)
  ) {
    actions.push({
      title: t('labSession.action.withdraw'),
      verb: LabSessionVerbs.withdraw,
      data,
      style: 'destructive',
    });
  }
  const sequencing = request.sequencing;
  const sections = [
    ...(sequencing === null
      ? []
      : [
          {
            title: t('labSession.section.sequencing', {
              total: sequencing.blocks.reduce((sum, block) => sum + block.minutes, 0),
            }),
            texts: sequencing.blocks.map((block) =>
              t('labSession.sequencingLine', {
                minutes: block.minutes,
                method: t(`labSession.method.${block.method}`),
                title: block.title,
              }),
            ),
          },
        ]),
    ...(participants === undefined ? [] : participantSections(context, participants)),
    { title: t('labSession.section.problem'), texts: [request.fields.problem] },
    { title: t('labSession.section.result'), texts: [request.fields.intendedResult] },
    ...(request.fields.constraints === ''
      ? []
      : [{ title: t('labSession.section.constraints'), texts: [request.fields.constraints] }]),
  ];
  return buildCard({
    title: t('labSession.card.title', {
      tracking: request.trackingNumber,
      subject: request.fields.subject,
    }),
    subtitle: t('labSession.card.subtitle', {
      requester: request.requester.name,
      day: formatDay(request.createdAt.toISOString().slice(0, 10), language),
      status: statusName(context, request.status),
    }),
    ...(extra.banner === undefined ? {} : { banner: extra.banner }),
    facts: requestFacts(context, request),
    sections,
    inputs,
    actions,
    ...(extra.labIds !== undefined && extra.labIds.length > 0
      ? {
          // The Lab channel's card shows each Lab member the step they may take now.
          refresh: { verb: LabSessionVerbs.view, data, aadIds: extra.labIds },
        }
      : {}),
  });
}

/** The hot debrief card, sent at the end of the session day and answered in place. */
export function buildHotDebriefCard(
  context: CardContext,
  request: { id: string; trackingNumber: string; subject: string },
  state: FormState = {},
): AdaptiveCardJson {
  const { t } = context;
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  return buildCard({
    title: t('labSession.hot.title', { subject: request.subject }),
    lines: [t('labSession.hot.intro', { tracking: request.trackingNumber })],
    ...(state.banner === undefined ? {} : { banner: state.banner }),
    inputs: [
      {
        kind: 'choice',
        id: 'satisfaction',
        label: t('labSession.field.satisfaction'),
        value: values.satisfaction ?? '',
        choices: ['1', '2', '3', '4', '5'].map((n) => ({ title: n, value: n })),
        ...withError(errors.satisfaction),
      },
      ...HOT_DEBRIEF_FIELDS.map((field): CardInput => ({
        kind: 'text',
        id: field.id,
        label: t(`labSession.field.${field.id}`),
        value: values[field.id] ?? '',
        maxLength: field.maxLength,
        multiline: true,
        ...withError(errors[field.id]),
      })),
    ],
    actions: [
      {
        title: t('labSession.action.answer'),
        verb: LabSessionVerbs.hotDebrief,
        data: { requestId: request.id },
        style: 'positive',
      },
    ],
  });
}

/** The cold debrief card, sent 5 to 8 weeks after the session to the requester. */
export function buildColdDebriefCard(
  context: CardContext,
  request: { id: string; trackingNumber: string; subject: string; sessionDay: string },
  state: FormState & { followUpWanted?: boolean } = {},
): AdaptiveCardJson {
  const { t, language } = context;
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  return buildCard({
    title: t('labSession.cold.title', { subject: request.subject }),
    lines: [
      t('labSession.cold.intro', {
        tracking: request.trackingNumber,
        day: request.sessionDay === '' ? '' : formatDay(request.sessionDay, language),
      }),
    ],
    ...(state.banner === undefined ? {} : { banner: state.banner }),
    inputs: [
      ...COLD_DEBRIEF_FIELDS.map((field): CardInput => ({
        kind: 'text',
        id: field.id,
        label: t(`labSession.field.${field.id}`),
        value: values[field.id] ?? '',
        maxLength: field.maxLength,
        multiline: true,
        ...withError(errors[field.id]),
      })),
      {
        kind: 'choice',
        id: 'followUp',
        label: t('labSession.field.followUp'),
        value: values.followUp ?? '',
        choices: [
          { title: t('labSession.yes'), value: 'yes' },
          { title: t('labSession.no'), value: 'no' },
        ],
        ...withError(errors.followUp),
      },
    ],
    actions: [
      {
        title: t('labSession.action.answer'),
        verb: LabSessionVerbs.coldDebrief,
        data: { requestId: request.id },
        style: 'positive',
      },
      ...(state.followUpWanted === true
        ? [
            {
              title: t('labSession.action.followUp'),
              verb: LabSessionVerbs.open,
              data: { followUpOf: request.id },
            },
          ]
        : []),
    ],
  });
}

/** A list of requests, each with its status, age and requester, and the counts by status. */
export function buildRequestListCard(
  context: CardContext,
  title: string,
  requests: readonly SessionRequest[],
  options: {
    today: string;
    counts?: Record<SessionStatus, number>;
    effort?: { byMonth: { month: string; days: number }[]; awaitingGo: number };
    /** Facilitator days per month the Lab can give sessions (LAB_SESSION_CAPACITY_DAYS). */
    capacity?: number;
    /** The Lab team's list offers the .xlsx export of requests and sessions. */
    exportable?: boolean;
  },
): AdaptiveCardJson {
  const { t } = context;
  const counts = options.counts;
  const effort = options.effort;
  const sections: { title: string; facts: { label: string; value: string }[] }[] = [];
  if (effort !== undefined && (effort.byMonth.length > 0 || effort.awaitingGo > 0)) {
    sections.push({
      title: t('labSession.list.effortHeading'),
      facts: [
        ...monthLoads(context, effort.byMonth, options.capacity),
        ...(effort.awaitingGo > 0
          ? [
              {
                label: t('labSession.list.awaitingGo'),
                value: t('labSession.list.days', { days: effort.awaitingGo }),
              },
            ]
          : []),
      ],
    });
  }
  if (counts !== undefined) {
    sections.push({
      title: t('labSession.list.counts'),
      facts: (Object.keys(counts) as SessionStatus[]).map((status) => ({
        label: statusName(context, status),
        value: String(counts[status]),
      })),
    });
  }
  return buildCard({
    title,
    ...(requests.length === 0 ? { lines: [t('labSession.list.none')] } : {}),
    items: requests.map((request) => ({
      title: `${request.trackingNumber} · ${request.fields.subject}`,
      subtitle: [
        t('labSession.list.item', {
          status: statusName(context, request.status),
          age: Math.max(
            0,
            countDaysBetween(request.createdAt.toISOString().slice(0, 10), options.today),
          ),
          requester: request.requester.name,
        }),
        ...(request.qualification === null
          ? []
          : [t('labSession.list.effort', { days: request.qualification.effortDays })]),
      ].join(' · '),
      action: openAction(context, request),
    })),
    sections,
    ...(options.exportable === true
      ? {
          actions: [
            { title: t('labSession.action.priorities'), verb: LabSessionVerbs.priorities },
            { title: t('labSession.action.export'), verb: LabSessionVerbs.export },
          ],
        }
      : {}),
  });
}

/** The button opening a request's card from a list. */
function openAction(
  { t }: CardContext,
  request: SessionRequest,
): { title: string; verb: string; data: Record<string, unknown> } {
  return {
    title: t('labSession.action.open', { tracking: request.trackingNumber }),
    verb: LabSessionVerbs.view,
    data: { requestId: request.id },
  };
}

/** Each month's committed days as a fact, against the capacity when there is one. */
function monthLoads(
  context: CardContext,
  byMonth: readonly { month: string; days: number }[],
  capacity: number | undefined,
): { label: string; value: string }[] {
  return byMonth.map(({ month, days }) => ({
    label: formatMonth(month, context.language),
    value: describeLoad(context, days, capacity),
  }));
}

/** A month's committed days, against the capacity when there is one, saying when it is exceeded. */
function describeLoad({ t }: CardContext, days: number, capacity: number | undefined): string {
  if (capacity === undefined) return t('labSession.list.days', { days });
  if (days <= capacity) return t('labSession.list.daysOfCapacity', { days, capacity });
  return t('labSession.list.overCapacity', {
    days,
    capacity,
    over: Math.round((days - capacity) * 10) / 10,
  });
}

/** A month (YYYY-MM) as people read it: "janvier 2027". */
function formatMonth(month: string, language: CardContext['language']): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
}

/** A meeting's day and time as people read them, with the zone they are in. */
export function formatMeeting(
  { t, language }: CardContext,
  day: string,
  time: string,
  zone: string,
  durationMinutes: number = DEFAULT_MEETING_MINUTES,
): string {
  let end = '';
  try {
    const { endsAt } = toMeetingInstants({ day, time, timeZone: zone, durationMinutes });
    end = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(endsAt);
  } catch {
    // A meeting stored in a form no longer read: its start alone.
  }
  return end === ''
    ? t('labSession.meeting', { day: formatDay(day, language), time, zone })
    : t('labSession.meetingWithEnd', { day: formatDay(day, language), time, end, zone });
}

/**
 * The qualification meeting's inputs: day, time (in the zone of whoever sets it) and length,
 * with the meeting already set as their values.
 */
function meetingInputs(
  { t }: CardContext,
  request: SessionRequest,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  const meeting = request.qualificationMeeting;
  return [
    {
      kind: 'date',
      id: 'meetingDay',
      label: t('labSession.field.meetingDay'),
      value: values.meetingDay ?? meeting?.day ?? '',
      ...withError(errors.meetingDay),
    },
    {
      kind: 'text',
      id: 'meetingTime',
      label: t('labSession.field.meetingTime'),
      value: values.meetingTime ?? meeting?.time ?? '',
      maxLength: 5,
      placeholder: '10:00',
      ...withError(errors.meetingTime),
    },
    {
      kind: 'choice',
      id: 'meetingDuration',
      label: t('labSession.field.meetingDuration'),
      value: values.meetingDuration ?? String(meeting?.durationMinutes ?? DEFAULT_MEETING_MINUTES),
      choices: MEETING_DURATIONS.map((minutes) => ({
        title: t('labSession.minutes', { minutes }),
        value: String(minutes),
      })),
      ...withError(errors.meetingDuration),
    },
  ];
}

/** The name of a status in the viewer's language. */
export function statusName({ t }: CardContext, status: SessionStatus): string {
  return t(`labSession.status.${status}`);
}

/**
 * The error under each field: the capability's own sentence where it has one (the 60-person cap,
 * the 4-week minimum, the requester as facilitator), else the shared one.
 */
export function toSessionFieldErrors(
  issues: readonly ValidationIssue[] | undefined,
  { t, language }: CardContext,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = String(issue.path[0] ?? '');
    if (field in errors) continue;
    const own = `labSession.error.${field}.${issue.code}`;
    const params = { ...issue.params };
    if (field === 'sessionDay' && typeof params.min === 'string') {
      params.min = formatDay(params.min, language);
    }
    const text = isMessageKey(own) ? t(own, params) : t(`validation.${issue.code}`, params);
    errors[field] = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return errors;
}

function requestFacts(
  context: CardContext,
  request: SessionRequest,
): { label: string; value: string }[] {
  const { t, language } = context;
  const { fields } = request;
  const facts = [
    { label: t('labSession.fact.status'), value: statusName(context, request.status) },
    { label: t('labSession.fact.requester'), value: request.requester.name },
    ...(fields.sponsor === ''
      ? []
      : [{ label: t('labSession.fact.sponsor'), value: fields.sponsor }]),
    {
      label: t('labSession.fact.participants'),
      value: t('labSession.fact.participantsValue', {
        total: fields.internalParticipants + fields.externalParticipants,
        internal: fields.internalParticipants,
        external: fields.externalParticipants,
        audience: t(`labSession.audience.${getAudience(fields)}`),
      }),
    },
    { label: t('labSession.fact.period'), value: fields.desiredPeriod },
  ];
  if (request.facilitators.length > 0) {
    facts.push({
      label: t('labSession.fact.facilitators'),
      value: request.facilitators
        .map((f) => (f.name === '' ? t('labSession.unknownPerson', { id: f.aadId }) : f.name))
        .join(', '),
    });
  }
  const meeting = request.qualificationMeeting;
  if (meeting !== null) {
    facts.push({
      label: t('labSession.fact.meeting'),
      value: formatMeeting(
        context,
        meeting.day,
        meeting.time,
        meeting.timeZone,
        meeting.durationMinutes,
      ),
    });
  }
  const qualification = request.qualification;
  if (qualification !== null) {
    facts.push({
      label: t('labSession.fact.qualification'),
      value: t('labSession.fact.qualificationValue', {
        reachable: t(
          qualification.objectivesReachable
            ? 'labSession.reachable.yes'
            : 'labSession.reachable.no',
        ),
        checked: t(
          qualification.intentionChecked ? 'labSession.checked.yes' : 'labSession.checked.no',
        ),
        effort: qualification.effortDays,
        format: qualification.format,
      }),
    });
    if (qualification.risks !== '') {
      facts.push({ label: t('labSession.fact.risks'), value: qualification.risks });
    }
  }
  if (request.decision !== null) {
    facts.push({
      label: t('labSession.fact.decision'),
      value: t('labSession.fact.decisionValue', {
        decision: t(`labSession.decision.${request.decision.kind}`),
        reason: request.decision.reason,
      }),
    });
    if (request.decision.kind === 'notNow' && request.status === 'postponed') {
      facts.push({
        label: t('labSession.fact.revisitOn'),
        value: formatDay(request.decision.revisitOn, language),
      });
    }
  }
  if (request.sessionDay !== null) {
    facts.push({
      label: t('labSession.fact.sessionDay'),
      value: formatDay(request.sessionDay, language),
    });
  }
  if (request.coldDebriefDay !== null) {
    facts.push({
      label: t('labSession.fact.coldDebriefDay'),
      value: formatDay(request.coldDebriefDay, language),
    });
  }
  return facts;
}

/** The sequencing card's blocks, refilled from what was sent or from what is recorded. */
function sequencingInputs(
  { t }: CardContext,
  request: SessionRequest,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  const inputs: CardInput[] = [];
  for (let n = 1; n <= MAX_SEQUENCING_BLOCKS; n += 1) {
    const recorded = request.sequencing?.blocks[n - 1];
    inputs.push(
      {
        kind: 'text',
        id: `block${n}Title`,
        label: t('labSession.field.blockTitle', { n }),
        value: values[`block${n}Title`] ?? recorded?.title ?? '',
        maxLength: 80,
        ...withError(errors[`block${n}Title`]),
      },
      {
        kind: 'number',
        id: `block${n}Minutes`,
        label: t('labSession.field.blockMinutes', { n }),
        value: toNumber(values[`block${n}Minutes`]) ?? recorded?.minutes ?? null,
        min: 5,
        max: 480,
        ...withError(errors[`block${n}Minutes`]),
      },
      {
        kind: 'choice',
        id: `block${n}Method`,
        label: t('labSession.field.blockMethod', { n }),
        value: values[`block${n}Method`] ?? recorded?.method ?? '',
        choices: SEQUENCING_METHODS.map((method) => ({
          title: t(`labSession.method.${method}`),
          value: method,
        })),
        ...withError(errors[`block${n}Method`]),
      },
    );
  }
  return inputs;
}

/** Urgency, impact and strategic fit, 1 to 5, refilled from what was sent or what is recorded. */
function priorityInputs(
  { t }: CardContext,
  request: SessionRequest,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  return PRIORITY_RATINGS.map((id) => ({
    kind: 'choice',
    id,
    label: t(`labSession.field.${id}`),
    value: values[id] ?? (request.priority === null ? '' : String(request.priority[id])),
    choices: [1, 2, 3, 4, 5].map((score) => ({
      title: t(`labSession.rating.${score}` as 'labSession.rating.1', { score }),
      value: String(score),
    })),
    ...withError(errors[id]),
  }));
}

/** Qualified requests listed by rank on the prioritisation card; the card stays far under 80 KB. */
export const MAX_RANKED_SHOWN = 25;

/**
 * The prioritisation: the qualified requests awaiting their go, best score first, each with its
 * ratings, effort and score, then the effort already committed per month against the Lab's
 * capacity, so a month that a go would overload shows before the go.
 */
export function buildPrioritisationCard(
  context: CardContext,
  ranked: readonly RankedRequest[],
  options: {
    weights: PriorityWeights;
    effort: { byMonth: { month: string; days: number }[]; awaitingGo: number };
    capacity?: number;
  },
): AdaptiveCardJson {
  const { t } = context;
  const { weights } = options;
  const sections: { title: string; facts: { label: string; value: string }[] }[] = [];
  if (options.effort.byMonth.length > 0) {
    sections.push({
      title: t('labSession.list.effortHeading'),
      facts: monthLoads(context, options.effort.byMonth, options.capacity),
    });
  }
  const shown = ranked.slice(0, MAX_RANKED_SHOWN);
  return buildCard({
    title: t('labSession.priorities.title'),
    lines: [
      ranked.length === 0
        ? t('labSession.priorities.none')
        : t('labSession.priorities.weights', { ...weights }),
      // The best ones decide the next go; the export lists every request.
      ...(ranked.length > shown.length
        ? [t('labSession.priorities.more', { count: ranked.length - shown.length })]
        : []),
    ],
    items: shown.map(({ request, effortDays, score }, index) => ({
      title: `${index + 1}. ${request.trackingNumber} · ${request.fields.subject}`,
      subtitle: [
        score === null
          ? t('labSession.priorities.unrated')
          : t('labSession.priorities.score', {
              score,
              urgency: request.priority?.urgency ?? 0,
              impact: request.priority?.impact ?? 0,
              fit: request.priority?.fit ?? 0,
            }),
        t('labSession.priorities.effort', { days: effortDays, score: scoreEffort(effortDays) }),
        ...(request.fields.desiredPeriod === ''
          ? []
          : [t('labSession.priorities.period', { period: request.fields.desiredPeriod })]),
      ].join(' · '),
      action: openAction(context, request),
    })),
    sections,
  });
}

/** The qualification card's inputs, refilled from what was sent or from what is recorded. */
function qualificationInputs(
  { t }: CardContext,
  request: SessionRequest,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  const recorded = request.qualification;
  return [
    {
      kind: 'choice',
      id: 'objectivesReachable',
      label: t('labSession.field.objectivesReachable'),
      value:
        values.objectivesReachable ??
        (recorded === null ? '' : recorded.objectivesReachable ? 'yes' : 'no'),
      choices: [
        { title: t('labSession.yes'), value: 'yes' },
        { title: t('labSession.no'), value: 'no' },
      ],
      ...withError(errors.objectivesReachable),
    },
    {
      kind: 'toggle',
      id: 'intentionChecked',
      label: t('labSession.field.intentionChecked'),
      value:
        values.intentionChecked === undefined
          ? recorded?.intentionChecked === true
          : values.intentionChecked === 'true',
      ...withError(errors.intentionChecked),
    },
    ...QUALIFICATION_TEXT_FIELDS.map((field): CardInput => ({
      kind: 'text',
      id: field.id,
      label: t(`labSession.field.${field.id}`),
      value: values[field.id] ?? recorded?.[field.id] ?? '',
      maxLength: field.maxLength,
      multiline: field.id === 'risks',
      ...withError(errors[field.id]),
    })),
    {
      kind: 'number',
      id: 'effortDays',
      label: t('labSession.field.effortDays'),
      value: toNumber(values.effortDays) ?? recorded?.effortDays ?? null,
      min: 0,
      max: MAX_EFFORT_DAYS,
      ...withError(errors.effortDays),
    },
  ];
}

function withError(error: string | undefined): { error?: string } {
  return error === undefined ? {} : { error };
}

function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The Lab sessions' sends of the coming days, day by day, with the requester's local time. */
export function buildSessionCalendarCard(
  context: CardContext,
  sends: readonly PlannedSessionSend[],
  days: number,
): AdaptiveCardJson {
  const { t, language } = context;
  const byDay = new Map<string, string[]>();
  for (const send of sends) {
    byDay.set(send.day, [...(byDay.get(send.day) ?? []), describeSessionSend(context, send)]);
  }
  return buildCard({
    title: t('labSession.calendar.title', { days }),
    ...(sends.length === 0 ? { lines: [t('labSession.calendar.empty')] } : {}),
    sections: [...byDay].map(([day, texts]) => ({ title: formatDay(day, language), texts })),
    note: t('labSession.calendar.note'),
  });
}

/** A Lab session send in a line: its local time and zone, what it is, the request it is for. */
export function describeSessionSend({ t }: CardContext, send: PlannedSessionSend): string {
  const milestone = PREPARATION_MILESTONES.find((m) => m.id === send.kind);
  const kind =
    milestone !== undefined
      ? t('labSession.send.milestone', {
          days: milestone.daysBefore,
          milestone: t(`labSession.milestone.${milestone.id}`),
        })
      : t(`labSession.send.${send.kind as 'hot' | 'cold' | 'coldReminder' | 'revisit'}`);
  return t('labSession.calendar.line', {
    time: send.time,
    zone: send.timeZone,
    kind,
    tracking: send.trackingNumber,
    subject: send.subject,
  });
}

/** A request's participants as the card shows them, with whether the viewer may change them. */
export interface ParticipantsView {
  seated: readonly SessionParticipant[];
  waitlist: readonly SessionParticipant[];
  /** The organisation an address belongs to, by name, when one owns its domain. */
  organisationOf: (email: string) => string | undefined;
  /** Internal people with a seat the bot cannot reach (known only by an address it never met). */
  unreachable: number;
  editable: boolean;
}

/** The seats and the waitlist, with the mix of internal and external people and organisations. */
function participantSections(
  context: CardContext,
  view: ParticipantsView,
): { title: string; texts: string[] }[] {
  const { t } = context;
  const mix = describeMix(view.seated, view.organisationOf);
  const line = (person: SessionParticipant, index: number, key: 'seat' | 'waiting') =>
    t(`labSession.participants.${key}`, {
      position: index + 1,
      name: person.name === '' ? t('labSession.participants.unnamed') : shorten(person.name),
      kind: t(`labSession.participants.kind.${person.kind}`),
      organisation: shorten(
        person.email === null
          ? t('labSession.participants.noOrganisation')
          : (view.organisationOf(person.email) ?? person.email.split('@')[1] ?? ''),
      ),
    });
  const others = mix.organisations.slice(SHOWN_ORGANISATIONS).reduce((sum, o) => sum + o.count, 0);
  const organisations = [
    ...mix.organisations.slice(0, SHOWN_ORGANISATIONS).map((o) => `${shorten(o.label)} ${o.count}`),
    ...(others > 0 ? [t('labSession.participants.otherOrganisations', { count: others })] : []),
    ...(mix.unknownOrganisation > 0
      ? [t('labSession.participants.unknownOrganisation', { count: mix.unknownOrganisation })]
      : []),
  ];
  const sections = [
    {
      title: t('labSession.section.participants', {
        seated: view.seated.length,
        waitlist: view.waitlist.length,
      }),
      texts:
        view.seated.length === 0
          ? [t('labSession.participants.none')]
          : [
              t('labSession.participants.mix', { internal: mix.internal, external: mix.external }),
              ...(organisations.length > 0
                ? [
                    t('labSession.participants.organisations', {
                      organisations: organisations.join(' · '),
                    }),
                  ]
                : []),
              ...(view.unreachable > 0
                ? [t('labSession.participants.unreachable', { count: view.unreachable })]
                : []),
              ...capped(view.seated, SHOWN_SEATED, (person, index) => line(person, index, 'seat')),
            ],
    },
  ];
  if (view.waitlist.length > 0) {
    sections.push({
      title: t('labSession.participants.waitlistHeading'),
      texts: capped(view.waitlist, SHOWN_WAITING, (person, index) =>
        line(person, index, 'waiting'),
      ),
    });
  }
  return sections;

  /** The first lines of a list, then how many more and where to find them. */
  function capped(
    people: readonly SessionParticipant[],
    shown: number,
    toLine: (person: SessionParticipant, index: number) => string,
  ): string[] {
    const lines = people.slice(0, shown).map(toLine);
    return people.length > shown
      ? [...lines, t('labSession.participants.more', { count: people.length - shown })]
      : lines;
  }
}

/**
 * Participant lines on the card: the first seats and the head of the waitlist (60 seats and 60
 * waiting written out would take most of what Teams accepts for a message); the export and the
 * badges list everyone.
 */
const SHOWN_SEATED = 20;
const SHOWN_WAITING = 10;

/**
 * Names and organisations as a participant line shows them: 120 people listed twice (the list
 * and the removal choices) must keep the card under Teams' 80 KB, and no real name is longer.
 */
const SHOWN_NAME_LENGTH = 60;
/** The largest organisations named one by one; the others are counted together. */
const SHOWN_ORGANISATIONS = 12;

function shorten(text: string): string {
  return text.length <= SHOWN_NAME_LENGTH ? text : `${text.slice(0, SHOWN_NAME_LENGTH - 1)}…`;
}

/** The inputs that add people (picker, addresses, external guests) and remove them. */
function participantInputs(
  { t }: CardContext,
  view: ParticipantsView,
  values: Record<string, string>,
  errors: Record<string, string>,
): CardInput[] {
  // A list of 120 people typed as "First Last <address>" stays well under this.
  const maxLength = MAX_LISTED_PARTICIPANTS * 100;
  const listed = [...view.seated, ...view.waitlist];
  return [
    {
      kind: 'people',
      id: PARTICIPANT_INPUTS.picked,
      label: t('labSession.field.participantsPicked'),
      value: '',
      ...withError(errors[PARTICIPANT_INPUTS.picked]),
    },
    {
      kind: 'text',
      id: PARTICIPANT_INPUTS.emails,
      label: t('labSession.field.participantsEmails'),
      value: values[PARTICIPANT_INPUTS.emails] ?? '',
      maxLength,
      multiline: true,
      ...withError(errors[PARTICIPANT_INPUTS.emails]),
    },
    {
      kind: 'text',
      id: PARTICIPANT_INPUTS.external,
      label: t('labSession.field.participantsExternal'),
      value: values[PARTICIPANT_INPUTS.external] ?? '',
      maxLength,
      multiline: true,
      ...withError(errors[PARTICIPANT_INPUTS.external]),
    },
    ...(listed.length === 0
      ? []
      : [
          {
            kind: 'choice',
            id: PARTICIPANT_INPUTS.remove,
            label: t('labSession.field.participantsRemove'),
            value: '',
            multiSelect: true,
            choices: listed.map((person) => ({
              title: shorten(person.name || person.email || person.aadId || person.id),
              value: person.id,
            })),
            ...withError(errors[PARTICIPANT_INPUTS.remove]),
          } satisfies CardInput,
        ]),
  ];
}

/** A single-use download link of a Lab sessions' export. */
export function buildExportLinkCard(
  { t }: CardContext,
  link: { url: string; until: string },
): AdaptiveCardJson {
  return buildCard({
    title: t('labSession.export.title'),
    lines: [t('labSession.export.body', { time: link.until })],
    actions: [{ kind: 'url', title: t('labSession.export.button'), url: link.url }],
  });
}
