import { buildProgrammeChoiceCard, pickProgramme, type ProgrammePick } from '../programme-choice';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  answerEndorsement,
  ENDORSEMENT_COMMENT_MAX_LENGTH,
} from '../../core/candidacies/answer-endorsement';
import {
  type Applicant,
  type Candidacy,
  holdsSeats,
  isLive,
} from '../../core/candidacies/candidacy';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import { pickFormFields } from '../../core/candidacies/candidacy-form';
import { getCandidacyForm } from '../../core/candidacies/get-candidacy-form';
import { getCallStatus, getProgrammeDay } from '../../core/candidacies/get-call-status';
import { getOrganisationName, type Programme } from '../../core/programmes/programme';
import { pickCallProgramme } from '../../core/candidacies/pick-call-programme';
import type { Outcome } from '../../core/candidacies/refusal';
import { saveCandidacyDraft } from '../../core/candidacies/save-candidacy-draft';
import { submitCandidacy } from '../../core/candidacies/submit-candidacy';
import { withdrawCandidacy } from '../../core/selection/withdraw-candidacy';
import { confirmParticipation } from '../../core/selection/confirm-participation';
import { formatDay } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { ExpiringMemo } from '../../adapters/teams/expiring-memo';
import { readUserEmail } from '../../adapters/teams/read-user-email';
import {
  buildCandidacyFormCard,
  buildCandidacyStatusCard,
  formFieldLabel,
  toFormValues,
  type Banner,
} from './candidacy-cards';
import type { ValidationIssue } from '../../core/validation/validation-issue';
import { buildEndorsementRequestCard, createCandidacyRenderers } from './candidacy-notices';
import { createLoggingNotifier } from '../../adapters/teams/notices/create-logging-notifier';
import { toFieldErrors } from '../../adapters/teams/cards/field-errors';
import { formatRefusal } from './format-refusal';
import { optionalCardId, cardId, withInputs } from '../../adapters/teams/verbs/card-data';
import { defineCardVerb, PERSONAL_ONLY } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import { createDailyProgrammeJob } from '../../jobs/create-daily-programme-job';
import type { FeatureModule } from '../feature-module';
import type { Platform } from '../platform';
import { sendDraftReminders } from '../../core/candidacies/send-draft-reminders';
import { CandidacyVerbs } from './candidacy-verbs';

/** Pending endorsement requests shown at once by "avis"; more wait for the next ones. */
const MAX_ENDORSEMENT_CARDS = 5;

/** Card data that names the programme, or leaves it to the one whose call is open. */
const PROGRAMME_DATA = z.object({ programmeId: optionalCardId }).passthrough();
/** The candidacy form: the programme, and the form's inputs checked by the use case. */
const FORM_DATA = withInputs({ programmeId: optionalCardId });
/** A manager's answer to an endorsement request. */
/** A pending endorsement request to show again (after "Annuler"). */
const SHOW_ENDORSEMENT_DATA = z
  .object({ programmeId: optionalCardId, candidacyId: cardId })
  .passthrough();
const ENDORSEMENT_DATA = z
  .object({
    programmeId: optionalCardId,
    candidacyId: cardId,
    verdict: z.enum(['endorsed', 'declined']),
    // The use case refuses more than its limit with a sentence; this only bounds the payload.
    comment: z
      .string()
      .max(ENDORSEMENT_COMMENT_MAX_LENGTH * 4)
      .optional(),
  })
  .passthrough();

type ProgrammeData = z.infer<typeof PROGRAMME_DATA>;

/** How long a sender's e-mail address, as Teams gave it, is used without asking again. */
const EMAIL_MEMO_MS = 60 * 60 * 1_000;

/** Replaceable parts, for tests. */
export interface CandidacyModuleOptions {
  /** The sender's email; Teams' member API by default. */
  lookupEmail?: (context: TurnContext) => Promise<string | null>;
}

/**
 * Candidates apply, save drafts, edit, withdraw and confirm their participation; line managers
 * endorse. Commands: "candidater" / "apply" / "ma candidature", and "avis" for managers. Each
 * day, candidates with an unfinished draft hear from the bot three days before the call closes.
 */
export function createCandidacyModule(
  platform: Pick<
    Platform,
    'candidacyCore' | 'programmes' | 'people' | 'logger' | 'programmeChoices' | 'config'
  >,
  options: CandidacyModuleOptions = {},
): FeatureModule {
  const core: CandidacyDeps = {
    ...platform.candidacyCore,
    notifier: createLoggingNotifier(platform.candidacyCore.notifier, platform.logger, [
      'candidacy.endorsementRequest',
    ]),
  };
  const askEmail = options.lookupEmail ?? readUserEmail;
  // Teams' member API is a request to the connector per call; an address, once given, is kept
  // for an hour. No answer (null) is asked again next time.
  const emails = new ExpiringMemo<string>(EMAIL_MEMO_MS);
  const lookupEmail = async (context: TurnContext): Promise<string | null> => {
    const aadId = context.activity.from?.aadObjectId;
    const now = core.clock.now();
    const known = aadId === undefined ? undefined : emails.get(aadId, now);
    if (known !== undefined) return known;
    const email = await askEmail(context);
    if (aadId !== undefined && email !== null) emails.set(aadId, email, now);
    return email;
  };
  // Named in the form's information notice; the card says "your DPO" when it is not configured.
  const dpoContact = platform.config.dpoContact;
  const dpo = dpoContact === undefined ? {} : { dpoContact };

  /** The programme named by the card; else the open call, asking when several calls are open. */
  const programmeFor = async (turn: Turn, data: ProgrammeData): Promise<ProgrammePick> => {
    const choice = {
      choices: platform.programmeChoices,
      aadId: turn.sender.aadId,
      subject: 'candidacy',
    };
    if (data.programmeId !== undefined && data.programmeId !== '') {
      const named = await platform.programmes.get(data.programmeId);
      return named === undefined
        ? { kind: 'none' }
        : pickProgramme({ ...choice, named, relevant: [], fallback: undefined });
    }
    const today = getProgrammeDay(core.clock);
    const all = await platform.programmes.list();
    return pickProgramme({
      ...choice,
      named: undefined,
      relevant: all.filter((p) => getCallStatus(p, today) === 'open'),
      fallback: pickCallProgramme(all, today),
    });
  };

  const withApplicant = <Data extends ProgrammeData>(
    handle: (
      turn: Turn,
      card: CardContext,
      applicant: Applicant,
      programme: Programme,
      data: Data,
    ) => Promise<AdaptiveCardJson>,
  ) => {
    return async (turn: Turn, data: Data): Promise<AdaptiveCardJson> => {
      const applicant = applicantOf(turn);
      const pick = await programmeFor(turn, data);
      if (pick.kind === 'ask') {
        return buildProgrammeChoiceCard(turn.card, pick.programmes, CandidacyVerbs.open);
      }
      if (pick.kind === 'none') return simple(turn.card.t('candidacy.none'));
      return handle(turn, turn.card, applicant, pick.programme, data);
    };
  };

  const openForm = async (
    card: CardContext,
    applicant: Applicant,
    programme: Programme,
    banner?: Banner,
  ): Promise<AdaptiveCardJson> => {
    const state = await getCandidacyForm(core, { programme, applicant });
    const live =
      state.candidacy !== undefined && isLive(state.candidacy) ? state.candidacy : undefined;
    if (live !== undefined && live.status !== 'submitted') {
      return statusCard(card, programme, live, banner === undefined ? {} : { banner });
    }
    return buildCandidacyFormCard(card, {
      programme,
      applicant,
      ...dpo,
      values: live !== undefined ? toFormValues(live) : (state.draft?.fields ?? {}),
      ...(live === undefined ? {} : { candidacy: live }),
      ...(state.readOnly === undefined ? {} : { readOnly: formatRefusal(state.readOnly, card) }),
      ...(banner === undefined ? {} : { banner }),
    });
  };

  const statusCard = (
    card: CardContext,
    programme: Programme,
    candidacy: Candidacy,
    extra: { banner?: Banner; title?: string; lines?: string[] },
  ): AdaptiveCardJson =>
    buildCandidacyStatusCard(card, programme, candidacy, {
      ...extra,
      callOpen: getCallStatus(programme, getProgrammeDay(core.clock)) === 'open',
    });

  const recordPerson = async (turn: Turn): Promise<string | null> => {
    const email = await lookupEmail(turn.context);
    await platform.people.record(
      { aadId: turn.sender.aadId, name: turn.sender.name, email },
      core.clock.now(),
    );
    return email;
  };

  const open = withApplicant((_turn, card, applicant, programme) =>
    openForm(card, applicant, programme),
  );

  /**
   * The candidacy whose endorsement is pending with the sender, if any: they are the manager it
   * names, by Entra id or e-mail, as answerEndorsement checks; anyone else reads nothing of it.
   */
  const pendingEndorsement = async (
    turn: Turn,
    candidacyId: string,
  ): Promise<Candidacy | undefined> => {
    const candidacy = await core.candidacies.get(candidacyId);
    const endorsement = candidacy?.endorsement;
    if (candidacy === undefined || endorsement == null || endorsement.status !== 'pending') {
      return undefined;
    }
    const sender = turn.sender.aadId.toLowerCase();
    if (candidacy.applicant.aadId.toLowerCase() === sender) return undefined;
    if (endorsement.managerAadId?.toLowerCase() === sender) return candidacy;
    const email = await lookupEmail(turn.context);
    return email !== null && email.toLowerCase() === endorsement.managerEmail
      ? candidacy
      : undefined;
  };

  const candidate = { guard: Guards.staff, scopes: PERSONAL_ONLY } as const;
  const verbs = [
    defineCardVerb({ verb: CandidacyVerbs.open, data: PROGRAMME_DATA, ...candidate, handle: open }),
    defineCardVerb({
      verb: CandidacyVerbs.submit,
      data: FORM_DATA,
      ...candidate,
      handle: withApplicant(async (turn, card, applicant, programme, data) => {
        // The sender's own address, so they cannot name themselves as their manager.
        const email = await lookupEmail(turn.context);
        const outcome = await submitCandidacy(core, {
          programme,
          applicant: { ...applicant, email },
          fields: data,
        });
        if (outcome.ok) {
          return statusCard(card, programme, outcome.value, {
            title: card.t('candidacy.confirmation.title'),
            lines: [
              card.t('candidacy.confirmation.body', {
                name: applicant.name,
                programme: programme.name,
                closeDay: formatDay(programme.milestones.candidacyClose, card.language),
                committeeDay: formatDay(programme.milestones.selectionCommittee, card.language),
              }),
            ],
          });
        }
        const refusal = outcome.refusal;
        if (refusal.code !== 'invalid') {
          return openForm(card, applicant, programme, attention(formatRefusal(refusal, card)));
        }
        // The card comes back as sent, with each error under its field; nothing was stored.
        const current = await core.candidacies.findByApplicant(programme.id, applicant.aadId);
        return buildCandidacyFormCard(card, {
          programme,
          applicant,
          ...dpo,
          values: pickFormFields(data),
          errors: toFieldErrors(refusal.issues, card),
          banner: attention(namedErrors(card, programme, refusal.issues ?? [])),
          ...(current !== undefined && isLive(current) ? { candidacy: current } : {}),
        });
      }),
    }),
    defineCardVerb({
      verb: CandidacyVerbs.saveDraft,
      data: FORM_DATA,
      ...candidate,
      handle: withApplicant(async (_turn, card, applicant, programme, data) => {
        const outcome = await saveCandidacyDraft(core, { programme, applicant, fields: data });
        const banner: Banner = outcome.ok
          ? {
              text: card.t('candidacy.form.draftSaved', {
                closeDay: formatDay(programme.milestones.candidacyClose, card.language),
              }),
              style: 'good',
            }
          : attention(formatRefusal(outcome.refusal, card));
        return openForm(card, applicant, programme, banner);
      }),
    }),
    defineCardVerb({
      verb: CandidacyVerbs.withdraw,
      data: PROGRAMME_DATA,
      ...candidate,
      confirmation: async (turn, data) => {
        const pick = await programmeFor(turn, data);
        if (pick.kind !== 'programme') return undefined;
        const programme = pick.programme;
        const own = await core.candidacies.findByApplicant(programme.id, turn.sender.aadId);
        // Nothing to withdraw: the use case says why.
        if (own === undefined || !isLive(own)) return undefined;
        const { t } = turn.card;
        return {
          title: t('candidacy.ask.withdrawTitle', { programme: programme.name }),
          lines: [
            t('candidacy.ask.withdraw'),
            ...(holdsSeats(own) ? [t('candidacy.ask.withdrawSeat')] : []),
          ],
          cancel: { verb: CandidacyVerbs.open, data: { programmeId: programme.id } },
        };
      },
      handle: withApplicant(async (_turn, card, applicant, programme) => {
        const outcome = await withdrawCandidacy(core, { programme, applicant });
        if (!outcome.ok) return simple(refusalSentence(card, outcome));
        return buildCard({
          title: card.t('candidacy.withdrawn.title'),
          lines: [card.t('candidacy.withdrawn.body', { programme: programme.name })],
          actions:
            getCallStatus(programme, getProgrammeDay(core.clock)) === 'open'
              ? [
                  {
                    kind: 'execute',
                    title: card.t('candidacy.action.open', { programme: programme.name }),
                    verb: CandidacyVerbs.open,
                    data: { programmeId: programme.id },
                  },
                ]
              : [],
        });
      }),
    }),
    defineCardVerb({
      verb: CandidacyVerbs.showEndorsement,
      data: SHOW_ENDORSEMENT_DATA,
      ...candidate,
      handle: withApplicant(async (turn, card, _manager, programme, data) => {
        const pending = await pendingEndorsement(turn, data.candidacyId);
        return pending === undefined
          ? simple(card.t('endorsement.none'))
          : endorsementCard(card, programme, pending);
      }),
    }),
    defineCardVerb({
      verb: CandidacyVerbs.endorse,
      data: ENDORSEMENT_DATA,
      ...candidate,
      confirmation: async (turn, data) => {
        if (data.verdict !== 'declined') return undefined;
        const pick = await programmeFor(turn, data);
        if (pick.kind !== 'programme') return undefined;
        const programme = pick.programme;
        const { t } = turn.card;
        // The candidate is named only to the manager the request is pending with.
        const pending = await pendingEndorsement(turn, data.candidacyId);
        return {
          title: t('endorsement.ask.declineTitle'),
          lines: [
            pending === undefined
              ? t('endorsement.ask.declineUnnamed', { programme: programme.name })
              : t('endorsement.ask.decline', {
                  candidate: pending.applicant.name,
                  programme: programme.name,
                }),
          ],
          cancel: {
            verb: CandidacyVerbs.showEndorsement,
            data: { programmeId: programme.id, candidacyId: data.candidacyId },
          },
        };
      },
      handle: withApplicant(async (turn, card, manager, programme, data) => {
        const outcome = await answerEndorsement(core, {
          programme,
          candidacyId: data.candidacyId,
          manager: { aadId: manager.aadId, email: await lookupEmail(turn.context) },
          verdict: data.verdict,
          comment: data.comment ?? '',
        });
        if (!outcome.ok) return simple(refusalSentence(card, outcome));
        return simple(
          card.t('endorsement.answered', {
            verdict: card.t(`endorsementStatus.${data.verdict}`, { email: '' }),
            candidate: outcome.value.applicant.name,
          }),
        );
      }),
    }),
    ...(
      [
        [CandidacyVerbs.confirm, 'confirm'],
        [CandidacyVerbs.renounce, 'decline'],
      ] as const
    ).map(([verb, answer]) =>
      defineCardVerb({
        verb,
        data: PROGRAMME_DATA,
        ...candidate,
        ...(answer === 'decline'
          ? {
              confirmation: async (turn: Turn, data: ProgrammeData) => {
                const pick = await programmeFor(turn, data);
                if (pick.kind !== 'programme') return undefined;
                const programme = pick.programme;
                const own = await core.candidacies.findByApplicant(programme.id, turn.sender.aadId);
                if (own?.status !== 'accepted') return undefined;
                const { t } = turn.card;
                return {
                  title: t('decision.ask.renounceTitle', { programme: programme.name }),
                  lines: [t('decision.ask.renounce')],
                  cancel: { verb: CandidacyVerbs.open, data: { programmeId: programme.id } },
                };
              },
            }
          : {}),
        handle: withApplicant(async (_turn, card, applicant, programme) => {
          const outcome = await confirmParticipation(core, { programme, applicant, answer });
          if (!outcome.ok) return simple(refusalSentence(card, outcome));
          const key = answer === 'confirm' ? 'confirmed' : 'renounced';
          return simple(card.t(`decision.${key}.title`), [
            card.t(`decision.${key}.body`, {
              programme: programme.name,
              kickOff: formatDay(programme.milestones.kickOff, card.language),
            }),
          ]);
        }),
      }),
    ),
  ];

  const commands = [
    defineTextCommand({
      id: 'candidacy.apply',
      pattern: /^\s*(candidater|postuler|apply|ma candidature|my application)\s*$/i,
      examples: { fr: 'candidater', en: 'apply' },
      ...candidate,
      handle: async (turn) => {
        await recordPerson(turn);
        await turn.send(await open(turn, {}));
      },
    }),
    defineTextCommand({
      id: 'candidacy.endorsements',
      pattern: /^\s*(avis|endorsements?)\s*$/i,
      examples: { fr: 'avis', en: 'endorsements' },
      ...candidate,
      handle: async (turn) => {
        const { card } = turn;
        const email = await recordPerson(turn);
        const pending = email === null ? [] : await core.candidacies.listPendingEndorsements(email);
        if (pending.length === 0) {
          await turn.send(simple(card.t('endorsement.none')));
          return;
        }
        for (const candidacy of pending.slice(0, MAX_ENDORSEMENT_CARDS)) {
          const programme = await platform.programmes.get(candidacy.programmeId);
          if (programme === undefined) continue;
          await turn.send(endorsementCard(card, programme, candidacy));
        }
      },
    }),
  ];

  return {
    name: 'candidacies',
    verbs,
    commands,
    notices: createCandidacyRenderers(),
    scheduledJobs: [
      // Candidates with an unfinished draft hear from the bot 3 days before the call closes.
      createDailyProgrammeJob({
        name: 'draft-reminders',
        time: '09:00',
        programmes: platform.programmes,
        run: (programme) => sendDraftReminders(platform.candidacyCore, programme),
      }),
    ],
  };
}

function applicantOf(turn: Turn): Applicant {
  return { aadId: turn.sender.aadId, name: turn.sender.name };
}

function endorsementCard(card: CardContext, programme: Programme, candidacy: Candidacy) {
  return buildEndorsementRequestCard(card, {
    programmeId: programme.id,
    programmeName: programme.name,
    candidacyId: candidacy.id,
    candidateName: candidacy.applicant.name,
    organisationName: getOrganisationName(programme, candidacy.organisationId),
    motivation: candidacy.answers.mode === 'individual' ? candidacy.answers.motivation : '',
  });
}

/** Fields named in the banner at most; the others are counted, each has its error below it. */
const MAX_NAMED_FIELDS = 5;

/** "n champ(s) à corriger : Motivation, Région": the banner names the fields it counts. */
function namedErrors(
  card: CardContext,
  programme: Programme,
  issues: readonly ValidationIssue[],
): string {
  const ids = [...new Set(issues.map((issue) => String(issue.path[0] ?? '')))];
  const names = ids.slice(0, MAX_NAMED_FIELDS).map((id) => formFieldLabel(card, programme, id));
  if (ids.length > MAX_NAMED_FIELDS) {
    names.push(card.t('candidacy.form.errorsMore', { count: ids.length - MAX_NAMED_FIELDS }));
  }
  return card.t('candidacy.form.errorsNamed', { count: ids.length, fields: names.join(', ') });
}

function refusalSentence(card: CardContext, outcome: Outcome<unknown>): string {
  return outcome.ok
    ? ''
    : card.t('refusal.sentence', { reason: formatRefusal(outcome.refusal, card) });
}

function attention(text: string): Banner {
  return { text, style: 'attention' };
}

function simple(title: string, lines: string[] = []): AdaptiveCardJson {
  return buildCard({ title, lines });
}
