import type { TurnContext } from 'botbuilder';
import { answerEndorsement } from '../../core/candidacies/answer-endorsement';
import type { Applicant, Candidacy } from '../../core/candidacies/candidacy';
import { isLive } from '../../core/candidacies/candidacy';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import { pickFormFields } from '../../core/candidacies/form-fields';
import { getCandidacyForm } from '../../core/candidacies/get-candidacy-form';
import { getCallStatus, getProgrammeDay } from '../../core/candidacies/get-call-status';
import { getOrganisationName } from '../../core/candidacies/get-organisation-name';
import { pickCallProgramme } from '../../core/candidacies/pick-call-programme';
import type { Outcome } from '../../core/candidacies/refusal';
import { saveCandidacyDraft } from '../../core/candidacies/save-candidacy-draft';
import { submitCandidacy } from '../../core/candidacies/submit-candidacy';
import { withdrawCandidacy } from '../../core/candidacies/withdraw-candidacy';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { Programme } from '../../core/programmes/programme';
import { confirmParticipation } from '../../core/selection/confirm-participation';
import { formatDay } from '../../i18n/translate';
import type { Logger } from '../../logger';
import type { BotFeature } from '../../adapters/teams/bot-feature';
import { CardVerbs } from '../../adapters/teams/card-verbs';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { readUserEmail } from '../../adapters/teams/read-user-email';
import {
  buildCandidacyFormCard,
  buildCandidacyStatusCard,
  toFormValues,
  type Banner,
} from './candidacy-cards';
import { buildEndorsementRequestCard } from './candidacy-notices';
import { createLoggingNotifier } from '../../adapters/teams/notices/create-logging-notifier';
import { formatRefusal, toFieldErrors } from './format-refusal';
import { onCardAction, type ActionData } from '../../adapters/teams/features/on-card-action';

/** Pending endorsement requests shown at once by "avis"; more wait for the next ones. */
const MAX_ENDORSEMENT_CARDS = 5;

/** What the candidacy feature needs. */
export interface CandidacyFeatureDeps {
  core: CandidacyDeps;
  programmes: ProgrammeStore;
  /** Remembers who talked to the bot and their email, so managers named by email can be reached. */
  people?: {
    record(person: { aadId: string; name: string; email: string | null }, at: Date): Promise<void>;
  };
  /** The sender's email; Teams' member API by default. */
  lookupEmail?: (context: TurnContext) => Promise<string | null>;
  logger: Logger;
}

/**
 * Candidates apply, save drafts, edit, withdraw and confirm their participation; line managers
 * endorse. Commands: "candidater" / "apply" / "ma candidature", and "avis" for managers.
 */
export function createCandidacyFeature(deps: CandidacyFeatureDeps): BotFeature {
  const core: CandidacyDeps = {
    ...deps.core,
    notifier: createLoggingNotifier(deps.core.notifier, deps.logger),
  };
  const lookupEmail = deps.lookupEmail ?? readUserEmail;

  return (app, helpers) => {
    const programmeFor = async (data: ActionData): Promise<Programme | undefined> => {
      if (typeof data.programmeId === 'string') return deps.programmes.get(data.programmeId);
      return pickCallProgramme(await deps.programmes.list(), getProgrammeDay(core.clock));
    };

    const withApplicant = (
      handle: (
        context: TurnContext,
        card: CardContext,
        applicant: Applicant,
        programme: Programme,
        data: ActionData,
      ) => Promise<AdaptiveCardJson>,
    ) => {
      return async (context: TurnContext, data: ActionData): Promise<AdaptiveCardJson> => {
        const cardContext = helpers.cardContextOf(context);
        const applicant = applicantOf(context);
        const programme = await programmeFor(data);
        if (applicant === undefined || programme === undefined) {
          return simple(cardContext.t('candidacy.none'));
        }
        return handle(context, cardContext, applicant, programme, data);
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
      options: { banner?: Banner; title?: string; lines?: string[] },
    ): AdaptiveCardJson =>
      buildCandidacyStatusCard(card, programme, candidacy, {
        ...options,
        callOpen: getCallStatus(programme, getProgrammeDay(core.clock)) === 'open',
      });

    const recordPerson = async (context: TurnContext): Promise<string | null> => {
      const email = await lookupEmail(context);
      const aadId = context.activity.from?.aadObjectId;
      if (deps.people !== undefined && aadId !== undefined) {
        await deps.people.record(
          { aadId, name: context.activity.from.name ?? '', email },
          core.clock.now(),
        );
      }
      return email;
    };

    const open = withApplicant((_context, card, applicant, programme) =>
      openForm(card, applicant, programme),
    );

    app.message(
      /^\s*(candidater|postuler|apply|ma candidature|my application)\s*$/i,
      async (context) => {
        await recordPerson(context);
        await helpers.sendCard(context, await open(context, {}));
      },
    );

    app.message(/^\s*(avis|endorsements?)\s*$/i, async (context) => {
      const card = helpers.cardContextOf(context);
      const email = await recordPerson(context);
      const pending = email === null ? [] : await core.candidacies.listPendingEndorsements(email);
      if (pending.length === 0) {
        await helpers.sendCard(context, simple(card.t('endorsement.none')));
        return;
      }
      for (const candidacy of pending.slice(0, MAX_ENDORSEMENT_CARDS)) {
        const programme = await deps.programmes.get(candidacy.programmeId);
        if (programme === undefined) continue;
        await helpers.sendCard(context, endorsementCard(card, programme, candidacy));
      }
    });

    onCardAction(app, helpers, CardVerbs.candidacyOpen, open);

    onCardAction(
      app,
      helpers,
      CardVerbs.candidacySubmit,
      withApplicant(async (_context, card, applicant, programme, data) => {
        const outcome = await submitCandidacy(core, { programme, applicant, fields: data });
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
          values: pickFormFields(data),
          errors: toFieldErrors(refusal.issues, card),
          banner: attention(
            card.t('candidacy.form.errors', { count: refusal.issues?.length ?? 0 }),
          ),
          ...(current !== undefined && isLive(current) ? { candidacy: current } : {}),
        });
      }),
    );

    onCardAction(
      app,
      helpers,
      CardVerbs.candidacySaveDraft,
      withApplicant(async (_context, card, applicant, programme, data) => {
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
    );

    onCardAction(
      app,
      helpers,
      CardVerbs.candidacyWithdraw,
      withApplicant(async (_context, card, applicant, programme) => {
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
                    title: card.t('candidacy.action.open'),
                    verb: CardVerbs.candidacyOpen,
                    data: { programmeId: programme.id },
                  },
                ]
              : [],
        });
      }),
    );

    onCardAction(
      app,
      helpers,
      CardVerbs.candidacyEndorse,
      withApplicant(async (context, card, manager, programme, data) => {
        const verdict = data.verdict === 'endorsed' ? 'endorsed' : 'declined';
        const outcome = await answerEndorsement(core, {
          programme,
          candidacyId: typeof data.candidacyId === 'string' ? data.candidacyId : '',
          manager: { aadId: manager.aadId, email: await lookupEmail(context) },
          verdict,
          comment: typeof data.comment === 'string' ? data.comment : '',
        });
        if (!outcome.ok) return simple(refusalSentence(card, outcome));
        return simple(
          card.t('endorsement.answered', {
            verdict: card.t(`endorsementStatus.${verdict}`, { email: '' }),
            candidate: outcome.value.applicant.name,
          }),
        );
      }),
    );

    for (const [verb, answer] of [
      [CardVerbs.candidacyConfirm, 'confirm'],
      [CardVerbs.candidacyRenounce, 'decline'],
    ] as const) {
      onCardAction(
        app,
        helpers,
        verb,
        withApplicant(async (_context, card, applicant, programme) => {
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
      );
    }
  };
}

function applicantOf(context: TurnContext): Applicant | undefined {
  const aadId = context.activity.from?.aadObjectId;
  return aadId === undefined ? undefined : { aadId, name: context.activity.from.name ?? '' };
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
