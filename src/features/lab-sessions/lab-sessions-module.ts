import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { answerDebrief } from '../../core/lab-sessions/answer-debrief';
import { decideRequest } from '../../core/lab-sessions/decide-request';
import { getFollowUpSource } from '../../core/lab-sessions/get-follow-up-source';
import { getSessionRequest, toViewer } from '../../core/lab-sessions/get-session-request';
import type { LabSessionDeps, SessionActor } from '../../core/lab-sessions/lab-session-deps';
import type { LabSessionRefusalCode } from '../../core/lab-sessions/lab-session-refusal';
import {
  countRequestsByStatus,
  listMySessions,
  listOpenRequests,
  sumCommittedEffort,
} from '../../core/lab-sessions/list-session-requests';
import { previewSessionSends, toPreviewRange } from '../../core/lab-sessions/preview-session-sends';
import { qualifyRequest } from '../../core/lab-sessions/qualify-request';
import { recordQualification } from '../../core/lab-sessions/record-qualification';
import { recordSequencing } from '../../core/lab-sessions/record-sequencing';
import { scheduleSession } from '../../core/lab-sessions/schedule-session';
import { setQualificationMeeting } from '../../core/lab-sessions/set-qualification-meeting';
import {
  COLD_DEBRIEF_MAX_DAYS,
  SESSION_STATUSES,
  type SessionRequest,
  type SessionStatus,
} from '../../core/lab-sessions/session-request';
import { saveRequestDraft, submitRequest } from '../../core/lab-sessions/submit-request';
import { toRequestFormValues } from '../../core/lab-sessions/validate-request-fields';
import { withdrawRequest } from '../../core/lab-sessions/withdraw-request';
import { createSessionExportLink } from '../../core/lab-sessions/export-sessions';
import {
  addParticipants,
  PARTICIPANT_INPUTS,
  reachableIds,
  removeParticipants,
} from '../../core/lab-sessions/manage-participants';
import {
  MAX_LISTED_PARTICIPANTS,
  MAX_PARTICIPANT_EMAIL,
  MAX_PARTICIPANT_NAME,
  PARTICIPANT_STATUSES,
  placeParticipants,
} from '../../core/lab-sessions/session-participant';
import { findOrganisationByEmail, type Organisation } from '../../core/programmes/programme';
import { KNOWN_ORGANISATIONS } from '../../catalogue/known-organisations';
import {
  createSessionExportRoute,
  signSessionExportLink,
} from '../../adapters/export/create-session-export-route';
import { SqlExportTokenStore } from '../../adapters/sql/sql-export-token-store';
import { SqlAuditLog } from '../../adapters/sql/sql-audit-log';
import { formatExpiry } from '../selection/selection-cards';
import { isLabMember } from '../platform';
import type { Refusal } from '../../core/validation/outcome';
import { createCalendarsByZone } from '../../core/scheduling/holiday-calendars';
import { DEFAULT_TIME_ZONE } from '../../core/scheduling/compute-send-instant';
import { toLocalDay } from '../../core/scheduling/local-days';
import { formatDay } from '../../i18n/translate';
import { SqlLabSessionStore } from '../../adapters/sql/sql-lab-session-store';
import { SqlLabSessionMeetingStore } from '../../adapters/sql/sql-lab-session-meeting-store';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard, type Banner } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { createLabChannelResolver } from '../../adapters/teams/create-lab-channel-resolver';
import { readUserEmail } from '../../adapters/teams/read-user-email';
import { createLoggingNotifier } from '../../adapters/teams/notices/create-logging-notifier';
import { cardId, optionalCardId, withInputs } from '../../adapters/teams/verbs/card-data';
import { ALL_SCOPES, defineCardVerb, PERSONAL_ONLY } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import {
  createLabSessionJob,
  createLabSessionMeetingsJob,
} from '../../jobs/create-lab-session-job';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import {
  buildColdDebriefCard,
  buildConfirmationCard,
  buildHotDebriefCard,
  buildRequestCard,
  buildRequestFormCard,
  buildRequestListCard,
  buildExportLinkCard,
  buildPrioritisationCard,
  buildSessionCalendarCard,
  toSessionFieldErrors,
  type ParticipantsView,
  type FormState,
} from './lab-sessions-cards';
import { createLabSessionRenderers } from './lab-sessions-notices';
import { LabSessionVerbs } from './lab-sessions-verbs';
import {
  rankQualifiedRequests,
  ratePriority,
  scoreRequest,
} from '../../core/lab-sessions/prioritise-requests';

/** Teams wants an answer to a card action within 5 seconds: the calendar's work waits this long. */
const MEETING_BUDGET_MS = 3_500;

/**
 * The session calendar looks this far ahead: 14 weeks, so that a session dated 4 to 6 weeks ahead
 * (its preparation, seed 003) shows every send of its own, from the first preparation reminder
 * to the cold debrief 5 to 8 weeks after the session.
 */
const SESSION_CALENDAR_DAYS = 6 * 7 + COLD_DEBRIEF_MAX_DAYS;

const NO_DATA = z.object({}).passthrough();
/** The request form, empty (or the draft) or pre-filled as a follow-up of a request. */
const OPEN_DATA = z.object({ followUpOf: optionalCardId }).passthrough();
const REQUEST_DATA = z.object({ requestId: cardId }).passthrough();
/** The request form: its inputs are checked field by field by the use case. */
const FORM_DATA = withInputs({});
/**
 * The qualification meeting's inputs as our card sends them (a date, an HH:MM time, minutes);
 * longer is not from our card. Their values are checked by the use case, field by field.
 */
const MEETING_INPUTS = {
  meetingDay: z.string().max(32).optional(),
  meetingTime: z.string().max(32).optional(),
  meetingDuration: z.string().max(8).optional(),
};
const QUALIFY_DATA = withInputs({
  requestId: cardId,
  facilitators: z.string().max(2000).optional(),
  ...MEETING_INPUTS,
});
const MEETING_DATA = withInputs({ requestId: cardId, ...MEETING_INPUTS });
const DECIDE_DATA = withInputs({
  requestId: cardId,
  decision: z.enum(['go', 'noGo', 'notNow']).optional(),
});
const SCHEDULE_DATA = withInputs({
  requestId: cardId,
  overrideMinimum: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});
/** A form on a request's card (qualification, debriefs): its inputs are checked by the use case. */
const REQUEST_FORM_DATA = withInputs({ requestId: cardId });
/** The Lab team's ratings of a qualified request: each from 1 to 5, checked by the use case. */
const PRIORITY_DATA = withInputs({ requestId: cardId });
/**
 * Who to add: the people picker's ids (an Entra id is 36 characters, with a comma) and two lists
 * typed one person a line; longer than a full list could be is not from our card.
 */
const ADD_PARTICIPANTS_DATA = withInputs({
  requestId: cardId,
  [PARTICIPANT_INPUTS.picked]: z
    .string()
    .max(MAX_LISTED_PARTICIPANTS * 40)
    .optional(),
  [PARTICIPANT_INPUTS.emails]: z
    .string()
    .max(MAX_LISTED_PARTICIPANTS * (MAX_PARTICIPANT_NAME + MAX_PARTICIPANT_EMAIL + 8))
    .optional(),
  [PARTICIPANT_INPUTS.external]: z
    .string()
    .max(MAX_LISTED_PARTICIPANTS * (MAX_PARTICIPANT_NAME + MAX_PARTICIPANT_EMAIL + 8))
    .optional(),
});
/** Who to remove: participant ids of our card (UUIDs), comma-separated. */
const REMOVE_PARTICIPANTS_DATA = withInputs({
  requestId: cardId,
  [PARTICIPANT_INPUTS.remove]: z
    .string()
    .max(MAX_LISTED_PARTICIPANTS * 40)
    .optional(),
});

/** Replaceable parts, for tests: the wait that bounds how long a turn waits for the calendar. */
export interface LabSessionsModuleOptions {
  wait?: (ms: number) => Promise<void>;
}

/**
 * Lab sessions in Teams: any staff member requests a session ("demander une session"); the Lab
 * team gets the request in its channel (or each member), names two facilitators, gives its go or
 * no-go; the facilitators set the date; the hot debrief goes out at the end of the session day
 * and the cold one 5 to 8 weeks later. "mes sessions" lists one's own, "demandes" the open ones.
 */
export function createLabSessionsModule(
  platform: Pick<
    Platform,
    | 'database'
    | 'notifier'
    | 'clock'
    | 'logger'
    | 'config'
    | 'conversations'
    | 'people'
    | 'labTeamIds'
    | 'programmes'
    | 'publicUrl'
    | 'meetings'
  >,
  options: LabSessionsModuleOptions = {},
): FeatureModule {
  // Unreferenced: a budget still running never keeps the process up.
  const wait =
    options.wait ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
  const sessions = new SqlLabSessionStore(platform.database.db);
  const exportDeps = {
    sessions,
    exportTokens: new SqlExportTokenStore(platform.database.db),
    audit: new SqlAuditLog(platform.database.db),
    clock: platform.clock,
    ids: { newId: () => randomUUID() },
  };
  const resolveLabChannel = createLabChannelResolver({
    conversations: platform.conversations,
    channelId: platform.config.labChannelId,
    clock: platform.clock,
    logger: platform.logger,
  });
  const deps: LabSessionDeps = {
    sessions,
    // The request is stored before anyone is told: a notice that cannot be queued is logged.
    notifier: createLoggingNotifier(platform.notifier, platform.logger),
    clock: platform.clock,
    ids: { newId: () => randomUUID() },
    facilitatorPool: () => platform.labTeamIds(),
    labRecipients: async () => {
      const channel = await resolveLabChannel();
      if (channel !== undefined) return [{ kind: 'conversation', conversationId: channel }];
      const ids = new Map(platform.labTeamIds().map((id) => [id.toLowerCase(), id]));
      return [...ids.values()].map((aadId) => ({ kind: 'user', aadId }));
    },
    namesOf: (aadIds) => platform.people.findNames(aadIds),
    peopleOf: (aadIds) => platform.people.findPeople(aadIds),
    directory: platform.people,
    zoneOf: async (aadId) =>
      (await platform.conversations.getUserContext(aadId))?.timezone ?? DEFAULT_TIME_ZONE,
    // The job asks every minute: a calendar reads its holidays once.
    calendarFor: createCalendarsByZone(),
    // The qualification meeting: a Teams meeting through Graph when the organiser's calendar is
    // configured, else .ics invitations as Teams cards (the meetings module serves the files).
    meetings: {
      store: new SqlLabSessionMeetingStore(platform.database.db),
      calendar: platform.meetings.calendar,
      invitations: platform.meetings.invitations,
      // Teams wants an answer within 5 s and Graph may ask to wait: the turn answers after
      // MEETING_BUDGET_MS at most, the calendar's work going on; a failure is logged and the
      // hourly job tries again.
      within: (work) => {
        const logged = work.catch((error: unknown) => {
          platform.logger.error({ err: error }, 'qualification meeting not brought up to date');
          return undefined;
        });
        return Promise.race([logged, wait(MEETING_BUDGET_MS).then(() => undefined)]);
      },
    },
  };

  const actorOf = async (turn: Turn): Promise<SessionActor> => {
    // Remembered so the Lab team sees names, not ids, when it picks facilitators (a turn
    // without a name leaves a known one in place).
    if (turn.sender.name !== '') {
      await platform.people.record(
        { aadId: turn.sender.aadId, name: turn.sender.name, email: null },
        platform.clock.now(),
      );
    }
    return {
      aadId: turn.sender.aadId,
      name: turn.sender.name,
      isLab: turn.sender.isLab,
      timeZone: turn.sender.timeZone,
    };
  };

  /**
   * Typed commands also look up the sender's e-mail in Teams (one connector call), so a director
   * named as sponsor by e-mail can be told once they have written to the bot.
   */
  const rememberEmail = async (turn: Turn): Promise<void> => {
    const email = await readUserEmail(turn.context);
    if (email === null || turn.sender.name === '') return;
    await platform.people.record(
      { aadId: turn.sender.aadId, name: turn.sender.name, email },
      platform.clock.now(),
    );
  };

  /** The organisation an address belongs to: the programme files' organisations and the catalogue. */
  const organisationResolver = async (): Promise<(email: string) => string | undefined> => {
    const byId = new Map<string, Organisation>(KNOWN_ORGANISATIONS.map((o) => [o.id, o]));
    for (const programme of await platform.programmes.list()) {
      for (const organisation of programme.organisations) byId.set(organisation.id, organisation);
    }
    const organisations = [...byId.values()];
    return (email) => findOrganisationByEmail({ organisations }, email)?.name;
  };

  /** The participants as the card shows them to someone who may see the request. */
  const participantsView = async (request: SessionRequest): Promise<ParticipantsView> => {
    const { seated, waitlist } = placeParticipants(await sessions.listParticipants(request.id));
    const internal = seated.filter((p) => p.kind === 'internal');
    return {
      seated,
      waitlist,
      organisationOf: await organisationResolver(),
      unreachable: internal.length - (await reachableIds(deps, internal)).length,
      editable: PARTICIPANT_STATUSES.includes(request.status),
    };
  };

  const requestCard = async (
    card: CardContext,
    actor: SessionActor,
    request: SessionRequest,
    state: FormState = {},
  ): Promise<AdaptiveCardJson> => {
    const viewer = toViewer(request, actor);
    // The configuration and the Lab channel's roster may name the same person twice.
    const labIds = [...new Map(platform.labTeamIds().map((id) => [id.toLowerCase(), id])).values()];
    const names = viewer.isLab ? await deps.namesOf(labIds) : new Map<string, string>();
    return buildRequestCard(card, request, viewer, {
      ...state,
      pool: labIds.map((aadId) => ({ aadId, name: names.get(aadId.toLowerCase()) ?? '' })),
      labIds,
      // Only those who may see the request reach here (getSessionRequest or a use case decided).
      participants: await participantsView(request),
    });
  };

  /** The request as it stands, with a banner, or the refusal when the sender may not see it. */
  const current = async (
    card: CardContext,
    actor: SessionActor,
    requestId: string,
    state: FormState = {},
  ): Promise<AdaptiveCardJson> => {
    const outcome = await getSessionRequest(deps, { actor, requestId });
    if (!outcome.ok) return refusalCard(card, outcome.refusal);
    return requestCard(card, actor, outcome.value.request, state);
  };

  /** After a Lab or facilitator action: the card again, with what happened or what was wrong. */
  const answerAction = async (
    card: CardContext,
    actor: SessionActor,
    requestId: string,
    outcome:
      { ok: true; value: SessionRequest } | { ok: false; refusal: Refusal<LabSessionRefusalCode> },
    data: Record<string, unknown>,
    done: (request: SessionRequest) => string,
  ): Promise<AdaptiveCardJson> => {
    if (outcome.ok) {
      return requestCard(card, actor, outcome.value, { banner: good(done(outcome.value)) });
    }
    const refusal = outcome.refusal;
    if (refusal.code === 'invalid') {
      return current(card, actor, requestId, {
        values: stringValues(data),
        errors: toSessionFieldErrors(refusal.issues, card),
        banner: attention(card.t('labSession.refusal.invalid')),
      });
    }
    if (refusal.code === 'notFound' || refusal.code === 'labOnly') {
      return refusalCard(card, refusal);
    }
    return current(card, actor, requestId, { banner: attention(refusalText(card, refusal)) });
  };

  const openForm = async (
    turn: Turn,
    data: { followUpOf?: string | undefined } = {},
  ): Promise<AdaptiveCardJson> => {
    const { t } = turn.card;
    if (data.followUpOf !== undefined && data.followUpOf !== '') {
      // A follow-up session, asked from the cold debrief: the form starts from the first request.
      const outcome = await getFollowUpSource(deps, {
        actor: await actorOf(turn),
        requestId: data.followUpOf,
      });
      if (!outcome.ok) return refusalCard(turn.card, outcome.refusal);
      const source = outcome.value;
      const { fields } = source;
      return buildRequestFormCard(turn.card, {
        values: {
          subject: t('labSession.followUp.subject', { subject: fields.subject }).slice(0, 120),
          sponsor: fields.sponsor,
          sponsorEmail: fields.sponsorEmail,
          internalParticipants: String(fields.internalParticipants),
          externalParticipants: String(fields.externalParticipants),
          constraints: fields.constraints,
        },
        banner: {
          text: t('labSession.followUp.banner', { tracking: source.trackingNumber }),
          style: 'accent',
        },
      });
    }
    const draft = await sessions.getDraft(turn.sender.aadId);
    return buildRequestFormCard(turn.card, { values: draft?.values ?? {} });
  };

  const mine = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const actor = await actorOf(turn);
    const requests = await listMySessions(deps, actor);
    return buildRequestListCard(turn.card, turn.card.t('labSession.list.mine'), requests, {
      today: toLocalDay(platform.clock.now(), actor.timeZone ?? DEFAULT_TIME_ZONE),
    });
  };

  const openRequests = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const actor = await actorOf(turn);
    const outcome = await listOpenRequests(deps, actor);
    if (!outcome.ok) return refusalCard(turn.card, outcome.refusal);
    const today = toLocalDay(platform.clock.now(), actor.timeZone ?? DEFAULT_TIME_ZONE);
    return buildRequestListCard(turn.card, turn.card.t('labSession.list.open'), outcome.value, {
      today,
      counts: await countRequestsByStatus(deps),
      exportable: true,
      effort: await sumCommittedEffort(deps, today.slice(0, 7)),
      ...(platform.config.labSessionCapacityDays === undefined
        ? {}
        : { capacity: platform.config.labSessionCapacityDays }),
    });
  };

  /** The qualified requests, best score first, and the effort committed per month. */
  const priorities = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const actor = await actorOf(turn);
    const weights = platform.config.labSessionPriorityWeights;
    const outcome = await rankQualifiedRequests(deps, { actor, weights });
    if (!outcome.ok) return refusalCard(turn.card, outcome.refusal);
    const today = toLocalDay(platform.clock.now(), actor.timeZone ?? DEFAULT_TIME_ZONE);
    return buildPrioritisationCard(turn.card, outcome.value, {
      weights,
      effort: await sumCommittedEffort(deps, today.slice(0, 7)),
      ...(platform.config.labSessionCapacityDays === undefined
        ? {}
        : { capacity: platform.config.labSessionCapacityDays }),
    });
  };

  const sessionCalendar = async (turn: Turn): Promise<AdaptiveCardJson> => {
    const actor = await actorOf(turn);
    if (!actor.isLab) return refusalCard(turn.card, { code: 'labOnly', params: {} });
    const range = toPreviewRange(
      platform.clock.now(),
      actor.timeZone ?? DEFAULT_TIME_ZONE,
      SESSION_CALENDAR_DAYS,
    );
    const sends = await previewSessionSends(deps, range);
    return buildSessionCalendarCard(turn.card, sends, SESSION_CALENDAR_DAYS);
  };

  /** A single-use link to a Lab sessions' export, for a Lab team member. */
  const exportLink = async (
    turn: Turn,
    kind: 'sessions' | 'badges',
    requestId?: string,
  ): Promise<AdaptiveCardJson> => {
    const actor = await actorOf(turn);
    const outcome = await createSessionExportLink(exportDeps, {
      actor,
      kind,
      ...(requestId === undefined ? {} : { requestId }),
    });
    if (!outcome.ok) return refusalCard(turn.card, outcome.refusal);
    const token = outcome.value;
    const url = signSessionExportLink(
      platform.publicUrl(),
      { tokenId: token.id, adminAadId: token.adminAadId, expiresAt: token.expiresAt },
      platform.config.exportSigningKey,
    );
    return buildExportLinkCard(turn.card, { url, until: formatExpiry(turn.card, token.expiresAt) });
  };

  const staff = { guard: Guards.staff, scopes: PERSONAL_ONLY } as const;
  // The Lab team acts from its channel as well as from a personal chat.
  const anywhere = { guard: Guards.staff, scopes: ALL_SCOPES } as const;
  const verbs = [
    defineCardVerb({ verb: LabSessionVerbs.open, data: OPEN_DATA, ...staff, handle: openForm }),
    defineCardVerb({
      verb: LabSessionVerbs.submit,
      data: FORM_DATA,
      ...staff,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await submitRequest(deps, { actor, raw: data });
        if (outcome.ok) return buildConfirmationCard(turn.card, outcome.value);
        // The form comes back as sent, each error under its field; nothing was stored.
        const errors = toSessionFieldErrors(outcome.refusal.issues, turn.card);
        return buildRequestFormCard(turn.card, {
          values: toRequestFormValues(data),
          errors,
          banner: attention(
            turn.card.t('labSession.form.errors', { count: Object.keys(errors).length }),
          ),
        });
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.saveDraft,
      data: FORM_DATA,
      ...staff,
      handle: async (turn, data) => {
        const values = await saveRequestDraft(deps, { actor: await actorOf(turn), raw: data });
        return buildRequestFormCard(turn.card, {
          values,
          banner: good(turn.card.t('labSession.form.draftSaved')),
        });
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.view,
      data: REQUEST_DATA,
      ...anywhere,
      handle: async (turn, data) => current(turn.card, await actorOf(turn), data.requestId),
    }),
    defineCardVerb({
      verb: LabSessionVerbs.qualify,
      data: QUALIFY_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await qualifyRequest(deps, {
          actor,
          requestId: data.requestId,
          facilitatorIds: (data.facilitators ?? '').split(','),
          meetingDay: data.meetingDay,
          meetingTime: data.meetingTime,
          meetingDuration: data.meetingDuration,
        });
        return answerAction(turn.card, actor, data.requestId, outcome, data, (request) =>
          turn.card.t('labSession.qualified', {
            names: request.facilitators.map((f) => f.name || f.aadId).join(', '),
          }),
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.meeting,
      data: MEETING_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        // Who may set it (the Lab team, one of the two facilitators) is decided by the use case.
        const actor = await actorOf(turn);
        const outcome = await setQualificationMeeting(deps, {
          actor,
          requestId: data.requestId,
          meetingDay: data.meetingDay,
          meetingTime: data.meetingTime,
          meetingDuration: data.meetingDuration,
        });
        return answerAction(turn.card, actor, data.requestId, outcome, data, () =>
          turn.card.t('labSession.meetingSet'),
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.qualification,
      data: REQUEST_FORM_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await recordQualification(deps, {
          actor,
          requestId: data.requestId,
          raw: data,
        });
        return answerAction(turn.card, actor, data.requestId, outcome, data, () =>
          turn.card.t('labSession.qualificationSaved'),
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.sequencing,
      data: REQUEST_FORM_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await recordSequencing(deps, {
          actor,
          requestId: data.requestId,
          raw: data,
        });
        return answerAction(turn.card, actor, data.requestId, outcome, data, () =>
          turn.card.t('labSession.sequencingSaved'),
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.decide,
      data: DECIDE_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        if (data.decision === undefined) {
          if (!actor.isLab) return refusalCard(turn.card, { code: 'labOnly', params: {} });
          return current(turn.card, actor, data.requestId, {
            values: stringValues(data),
            errors: { decision: turn.card.t('validation.required') },
            banner: attention(turn.card.t('labSession.refusal.invalid')),
          });
        }
        const outcome = await decideRequest(deps, {
          actor,
          requestId: data.requestId,
          decision: data.decision,
          reason: data.reason,
          revisitOn: data.revisitOn,
        });
        return answerAction(turn.card, actor, data.requestId, outcome, data, (request) =>
          turn.card.t('labSession.decided', {
            decision: turn.card.t(`labSession.decision.${request.decision?.kind ?? 'go'}`),
          }),
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.schedule,
      data: SCHEDULE_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await scheduleSession(deps, {
          actor,
          requestId: data.requestId,
          sessionDay: data.sessionDay,
          coldDebriefWeeks: data.coldDebriefWeeks,
          overrideMinimum: data.overrideMinimum === true || data.overrideMinimum === 'true',
        });
        return answerAction(turn.card, actor, data.requestId, outcome, data, (request) =>
          turn.card.t('labSession.scheduled', {
            day: formatDayOf(turn.card, request.sessionDay),
            coldDay: formatDayOf(turn.card, request.coldDebriefDay),
          }),
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.withdraw,
      data: REQUEST_DATA,
      ...staff,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await withdrawRequest(deps, { actor, requestId: data.requestId });
        return answerAction(turn.card, actor, data.requestId, outcome, {}, (request) =>
          turn.card.t('labSession.withdrawn', { tracking: request.trackingNumber }),
        );
      },
    }),
    ...(['hot', 'cold'] as const).map((kind) =>
      defineCardVerb({
        verb: kind === 'hot' ? LabSessionVerbs.hotDebrief : LabSessionVerbs.coldDebrief,
        data: REQUEST_FORM_DATA,
        ...staff,
        handle: async (turn, data) => {
          const actor = await actorOf(turn);
          const outcome = await answerDebrief(deps, {
            actor,
            requestId: data.requestId,
            kind,
            raw: data,
          });
          if (!outcome.ok && outcome.refusal.code !== 'invalid') {
            return refusalCard(turn.card, outcome.refusal);
          }
          const request = outcome.ok ? outcome.value.request : await sessions.get(data.requestId);
          if (request === undefined) {
            return refusalCard(turn.card, { code: 'notFound', params: {} });
          }
          const state: FormState & { followUpWanted?: boolean } = outcome.ok
            ? {
                values: stringValues(data),
                banner: good(turn.card.t('labSession.answered')),
                followUpWanted: outcome.value.answer.answers.followUp === 'yes',
              }
            : {
                values: stringValues(data),
                errors: toSessionFieldErrors(outcome.refusal.issues, turn.card),
                banner: attention(turn.card.t('labSession.refusal.invalid')),
              };
          const summary = {
            id: request.id,
            trackingNumber: request.trackingNumber,
            subject: request.fields.subject,
            sessionDay: request.sessionDay ?? '',
          };
          return kind === 'hot'
            ? buildHotDebriefCard(turn.card, summary, state)
            : buildColdDebriefCard(turn.card, summary, state);
        },
      }),
    ),
    defineCardVerb({
      verb: LabSessionVerbs.addParticipants,
      data: ADD_PARTICIPANTS_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await addParticipants(deps, {
          actor,
          requestId: data.requestId,
          raw: data,
        });
        return answerAction(
          turn.card,
          actor,
          data.requestId,
          outcome.ok ? { ok: true, value: outcome.value.request } : outcome,
          data,
          () =>
            outcome.ok
              ? turn.card.t('labSession.participantsAdded', {
                  seated: outcome.value.seatedNow,
                  waitlisted: outcome.value.waitlistedNow,
                  already: outcome.value.alreadyListed,
                })
              : '',
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.removeParticipants,
      data: REMOVE_PARTICIPANTS_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await removeParticipants(deps, {
          actor,
          requestId: data.requestId,
          ids: data[PARTICIPANT_INPUTS.remove],
        });
        return answerAction(
          turn.card,
          actor,
          data.requestId,
          outcome.ok ? { ok: true, value: outcome.value.request } : outcome,
          {},
          () =>
            outcome.ok
              ? turn.card.t('labSession.participantsRemoved', {
                  removed: outcome.value.removed,
                  promoted: outcome.value.promoted,
                })
              : '',
        );
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.badges,
      data: REQUEST_DATA,
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: async (turn, data) => exportLink(turn, 'badges', data.requestId),
    }),
    defineCardVerb({
      verb: LabSessionVerbs.export,
      data: NO_DATA,
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: async (turn) => exportLink(turn, 'sessions'),
    }),
    defineCardVerb({
      verb: LabSessionVerbs.prioritise,
      data: PRIORITY_DATA,
      ...anywhere,
      handle: async (turn, data) => {
        const actor = await actorOf(turn);
        const outcome = await ratePriority(deps, { actor, requestId: data.requestId, raw: data });
        return answerAction(turn.card, actor, data.requestId, outcome, data, (request) => {
          const score = scoreRequest(request, platform.config.labSessionPriorityWeights);
          return score === null
            ? turn.card.t('labSession.prioritisedUnscored')
            : turn.card.t('labSession.prioritised', { score });
        });
      },
    }),
    defineCardVerb({
      verb: LabSessionVerbs.priorities,
      data: NO_DATA,
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: priorities,
    }),
    defineCardVerb({ verb: LabSessionVerbs.mine, data: NO_DATA, ...staff, handle: mine }),
    defineCardVerb({
      verb: LabSessionVerbs.requests,
      data: NO_DATA,
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: openRequests,
    }),
  ];

  const commands = [
    defineTextCommand({
      id: 'session.request',
      pattern: /^\s*(demander une session|request a session)\s*$/i,
      examples: { fr: 'demander une session', en: 'request a session' },
      ...staff,
      handle: async (turn) => {
        await rememberEmail(turn);
        await turn.send(await openForm(turn));
      },
    }),
    defineTextCommand({
      id: 'session.mine',
      pattern: /^\s*(mes sessions|my sessions)\s*$/i,
      examples: { fr: 'mes sessions', en: 'my sessions' },
      ...staff,
      handle: async (turn) => {
        await rememberEmail(turn);
        await turn.send(await mine(turn));
      },
    }),
    defineTextCommand({
      id: 'session.calendar',
      pattern: /^\s*(calendrier des sessions|session calendar)\s*$/i,
      examples: { fr: 'calendrier des sessions', en: 'session calendar' },
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: async (turn) => turn.send(await sessionCalendar(turn)),
    }),
    defineTextCommand({
      id: 'session.export',
      pattern: /^\s*(exporter les sessions|export sessions)\s*$/i,
      examples: { fr: 'exporter les sessions', en: 'export sessions' },
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: async (turn) => turn.send(await exportLink(turn, 'sessions')),
    }),
    defineTextCommand({
      id: 'session.requests',
      pattern: /^\s*(demandes|demandes de session|requests|session requests)\s*$/i,
      examples: { fr: 'demandes', en: 'requests' },
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: async (turn) => turn.send(await openRequests(turn)),
    }),
    defineTextCommand({
      id: 'session.priorities',
      pattern: /^\s*(prioriser|priorités|priorites|prioritise|prioritize|priorities)\s*$/i,
      examples: { fr: 'prioriser', en: 'prioritise' },
      guard: Guards.lab,
      scopes: ALL_SCOPES,
      handle: async (turn) => turn.send(await priorities(turn)),
    }),
  ];

  return {
    name: 'lab-sessions',
    verbs,
    commands,
    notices: createLabSessionRenderers(),
    scheduledJobs: [createLabSessionJob(deps), createLabSessionMeetingsJob(deps)],
    routes: [
      createSessionExportRoute({
        core: exportDeps,
        conversations: platform.conversations,
        signingKey: platform.config.exportSigningKey,
        mayDownload: (aadId) => isLabMember(platform, aadId),
        logger: platform.logger,
      }),
    ],
  };
}

function refusalText(card: CardContext, refusal: Refusal<LabSessionRefusalCode>): string {
  const status = refusal.params.status;
  return card.t(`labSession.refusal.${refusal.code}`, {
    ...refusal.params,
    ...(typeof status === 'string' && isStatus(status)
      ? { status: card.t(`labSession.status.${status}`) }
      : {}),
  });
}

function refusalCard(card: CardContext, refusal: Refusal<LabSessionRefusalCode>): AdaptiveCardJson {
  return buildCard({ title: refusalText(card, refusal) });
}

function isStatus(value: string): value is SessionStatus {
  return SESSION_STATUSES.some((status) => status === value);
}

function good(text: string): Banner {
  return { text, style: 'good' };
}

function attention(text: string): Banner {
  return { text, style: 'attention' };
}

function stringValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function formatDayOf(card: CardContext, day: string | null): string {
  return day === null ? '' : formatDay(day, card.language);
}
