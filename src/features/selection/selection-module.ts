import { buildProgrammeChoiceCard, pickProgramme } from '../programme-choice';
import { getProgrammePhase } from '../../core/programmes/get-programme-phase';
import { z } from 'zod';
import { CANDIDACY_STATUSES } from '../../core/candidacies/candidacy';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import { getProgrammeDay } from '../../core/candidacies/get-call-status';
import { getOrganisationName, BRANCHES, type Programme } from '../../core/programmes/programme';
import type { Refusal } from '../../core/candidacies/refusal';
import type { Person } from '../../core/people/role';
import type { ExportFormat } from '../../core/ports/export-token-store';
import { countCandidacies } from '../../core/selection/count-candidacies';
import { createExportLink } from '../../core/selection/create-export-link';
import { decideCandidacy } from '../../core/selection/decide-candidacy';
import { getCandidacyDetail } from '../../core/selection/get-candidacy-detail';
import { getViewerScope } from '../../core/selection/get-viewer-scope';
import { listCandidacies, type CandidacyListQuery } from '../../core/selection/list-candidacies';
import { scoreCandidacy } from '../../core/selection/score-candidacy';
import { signExportLink } from '../../adapters/export/sign-export-link';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import type { Banner } from '../../adapters/teams/cards/card-kit';
import { createLoggingNotifier } from '../../adapters/teams/notices/create-logging-notifier';
import { toFieldErrors } from '../../adapters/teams/cards/field-errors';
import { formatRefusal } from '../candidacies/format-refusal';
import { cardPage, optionalCardId, withInputs } from '../../adapters/teams/verbs/card-data';
import { ALL_SCOPES, defineCardVerb, PERSONAL_ONLY } from '../../adapters/teams/verbs/card-verb';
import { Guards } from '../../adapters/teams/verbs/guard';
import { defineTextCommand } from '../../adapters/teams/verbs/text-command';
import type { Turn } from '../../adapters/teams/verbs/turn';
import { createExportRoute } from '../../adapters/export/create-export-route';
import { createDailyProgrammeJob } from '../../jobs/create-daily-programme-job';
import { lapseUnconfirmed } from '../../core/selection/lapse-unconfirmed';
import type { FeatureModule } from '../feature-module';
import { isLabMember, type Platform } from '../platform';
import { createSelectionRenderers } from './selection-notices';
import {
  buildDetailCard,
  buildExportCard,
  formatExpiry,
  buildListCard,
  buildOverviewCard,
} from './selection-cards';
import { SelectionVerbs } from './selection-verbs';

/** The list's filters and page, which every selection card carries to come back to the list. */
const LIST_FILTERS = {
  programmeId: optionalCardId,
  status: z.union([z.literal(''), z.enum(CANDIDACY_STATUSES)]).optional(),
  organisationId: optionalCardId,
  branch: z.union([z.literal(''), z.enum(BRANCHES)]).optional(),
  page: cardPage,
};
const LIST_DATA = z.object(LIST_FILTERS).passthrough();
const DETAIL_DATA = z.object({ ...LIST_FILTERS, candidacyId: optionalCardId }).passthrough();
const DECISION_DATA = z
  .object({
    ...LIST_FILTERS,
    candidacyId: optionalCardId,
    decision: z.enum(['accept', 'waitlist', 'decline']).optional(),
  })
  .passthrough();
/** A committee member's scores: the criteria come as the card's inputs, checked by the use case. */
const SCORE_DATA = withInputs({ ...LIST_FILTERS, candidacyId: optionalCardId });
const EXPORT_DATA = z
  .object({ programmeId: optionalCardId, format: z.enum(['xlsx', 'csv']).optional() })
  .passthrough();

type ListData = z.infer<typeof LIST_DATA>;
type DetailData = z.infer<typeof DETAIL_DATA>;

/**
 * The Lab team and the committee in Teams: counts, the filtered list, each candidacy's detail,
 * scoring (never one's own organisation), decisions under the limits, and export links behind a
 * signed download route. Commands: "candidatures" / "sélection" / "applications", and
 * "exporter" / "export". Each morning, seats not confirmed in time go to the waitlist.
 */
export function createSelectionModule(
  platform: Pick<
    Platform,
    | 'candidacyCore'
    | 'programmes'
    | 'conversations'
    | 'publicUrl'
    | 'logger'
    | 'config'
    | 'labTeamIds'
    | 'programmeChoices'
  >,
): FeatureModule {
  const core: CandidacyDeps = {
    ...platform.candidacyCore,
    // A sponsor who cannot be reached is the referent's to tell (notifySponsor does it).
    notifier: createLoggingNotifier(platform.candidacyCore.notifier, platform.logger, [
      'selection.sponsorDecision',
    ]),
  };
  const signingKey = platform.config.exportSigningKey;

  const viewerOf = async (turn: Turn): Promise<Person> => ({
    aadId: turn.sender.aadId,
    roles: await turn.sender.roles(),
  });

  /**
   * The programme named by the card; else the one whose candidacies are being examined (call
   * open or selection under way), asking when several are; else the most recent call.
   */
  const programmeFor = async (turn: Turn, data: { programmeId?: string | undefined }) => {
    const named =
      data.programmeId !== undefined && data.programmeId !== ''
        ? await platform.programmes.get(data.programmeId)
        : undefined;
    if (data.programmeId !== undefined && data.programmeId !== '' && named === undefined) {
      return pickProgramme({ ...choice(turn), named, relevant: [], fallback: undefined });
    }
    const today = getProgrammeDay(core.clock);
    const all = await platform.programmes.list();
    return pickProgramme({
      ...choice(turn),
      named,
      relevant: all.filter((p) =>
        ['call-open', 'selection'].includes(getProgrammePhase(p.milestones, today)),
      ),
      // The most recent call that has opened; the list is most recent first.
      fallback: all.find((p) => p.milestones.candidacyOpen <= today) ?? all[0],
    });
  };
  const choice = (turn: Turn) => ({
    choices: platform.programmeChoices,
    aadId: turn.sender.aadId,
    subject: 'selection',
  });

  const guarded = <Data extends { programmeId?: string | undefined }>(
    handle: (
      turn: Turn,
      card: CardContext,
      viewer: Person,
      programme: Programme,
      data: Data,
    ) => Promise<AdaptiveCardJson>,
    /** What to do when several programmes are concerned: the question's buttons run `verb`. */
    ask: (turn: Turn, programmes: Programme[]) => AdaptiveCardJson = (turn, programmes) =>
      buildProgrammeChoiceCard(turn.card, programmes, SelectionVerbs.overview),
  ) => {
    return async (turn: Turn, data: Data): Promise<AdaptiveCardJson> => {
      const card = turn.card;
      const viewer = await viewerOf(turn);
      const pick = await programmeFor(turn, data);
      if (pick.kind === 'ask') return ask(turn, pick.programmes);
      if (pick.kind === 'none') return simple(card.t('candidacy.none'));
      const programme = pick.programme;
      if (getViewerScope(programme, viewer).kind === 'none') {
        return simple(refusalSentence(card, { code: 'forbidden', params: {} }));
      }
      return handle(turn, card, viewer, programme, data);
    };
  };

  const overview = guarded<ListData>(async (_turn, card, viewer, programme) => {
    const counts = countCandidacies(programme, await core.candidacies.list(programme.id));
    return buildOverviewCard(card, programme, counts, { canExport: viewer.roles.has('lab') });
  });

  const list = guarded<ListData>(async (_turn, card, viewer, programme, data) => {
    const query = toQuery(data);
    const outcome = await listCandidacies(core, { programme, viewer, query });
    if (!outcome.ok) return simple(refusalSentence(card, outcome.refusal));
    const scope = getViewerScope(programme, viewer);
    return buildListCard(card, programme, outcome.value, query, {
      scores: scope.kind === 'lab' ? await core.scores.listForProgramme(programme.id) : [],
      ...(scope.kind === 'committee'
        ? { committeeOrganisation: getOrganisationName(programme, scope.organisationId) }
        : {}),
    });
  });

  const detail = async (
    card: CardContext,
    viewer: Person,
    programme: Programme,
    data: DetailData,
    extra: {
      banner?: Banner;
      scoreValues?: Record<string, string>;
      errors?: Record<string, string>;
    } = {},
  ): Promise<AdaptiveCardJson> => {
    const outcome = await getCandidacyDetail(core, {
      programme,
      viewer,
      candidacyId: data.candidacyId ?? '',
    });
    if (!outcome.ok) return simple(refusalSentence(card, outcome.refusal));
    const query = toQuery(data);
    return buildDetailCard(card, programme, outcome.value, {
      back: {
        status: query.status ?? '',
        organisationId: query.organisationId ?? '',
        branch: query.branch ?? '',
        page: query.page ?? 0,
      },
      memberNames: new Map((programme.committee ?? []).map((m) => [m.aadId.toLowerCase(), m.name])),
      viewerAadId: viewer.aadId,
      ...extra,
    });
  };

  /** A signed, single-use, 15-minute download link for the programme's export, or why not. */
  const issueLink = async (
    viewer: Person,
    programme: Programme,
    format: ExportFormat,
  ): Promise<{ ok: true; url: string; expiresAt: Date } | { ok: false; refusal: Refusal }> => {
    const outcome = await createExportLink(core, { programme, actor: viewer, format });
    if (!outcome.ok) return outcome;
    const token = outcome.value;
    const url = signExportLink(
      platform.publicUrl(),
      { tokenId: token.id, adminAadId: token.adminAadId, expiresAt: token.expiresAt },
      signingKey,
    );
    return { ok: true, url, expiresAt: token.expiresAt };
  };

  const exportLink = guarded<z.infer<typeof EXPORT_DATA>>(
    async (_turn, card, viewer, programme, data) => {
      const format: ExportFormat = data.format ?? 'xlsx';
      const link = await issueLink(viewer, programme, format);
      if (!link.ok) return simple(refusalSentence(card, link.refusal));
      return buildExportCard(card, programme, {
        url: link.url,
        format,
        until: formatExpiry(card, link.expiresAt),
      });
    },
    (turn, programmes) => buildProgrammeChoiceCard(turn.card, programmes, SelectionVerbs.export),
  );

  /**
   * "exporter" typed in a channel or group chat: whoever holds a link can download once, so it is
   * sent to the person's own chat, and the conversation only hears that it was.
   */
  const exportPrivately = guarded<z.infer<typeof EXPORT_DATA>>(
    async (turn, card, viewer, programme) => {
      const link = await issueLink(viewer, programme, 'xlsx');
      if (!link.ok) return simple(refusalSentence(card, link.refusal));
      await core.notifier.notify(
        `selection:${programme.id}:export:${link.expiresAt.toISOString()}:${viewer.aadId}`,
        { kind: 'user', aadId: turn.sender.aadId },
        {
          kind: 'selection.exportLink',
          data: {
            programmeId: programme.id,
            programmeName: programme.name,
            url: link.url,
            format: 'xlsx',
            expiresAt: link.expiresAt.toISOString(),
          },
        },
      );
      return simple(card.t('selection.export.sentPrivately'));
    },
    // The export's buttons work in the person's own chat only: the choice is made there.
    (turn) => simple(turn.card.t('selection.export.choosePrivately')),
  );

  const committee = { guard: Guards.labOrCommittee, scopes: PERSONAL_ONLY } as const;
  const verbs = [
    defineCardVerb({
      verb: SelectionVerbs.overview,
      data: LIST_DATA,
      ...committee,
      handle: overview,
    }),
    defineCardVerb({ verb: SelectionVerbs.list, data: LIST_DATA, ...committee, handle: list }),
    defineCardVerb({
      verb: SelectionVerbs.detail,
      data: DETAIL_DATA,
      ...committee,
      handle: guarded<DetailData>((_turn, card, viewer, programme, data) =>
        detail(card, viewer, programme, data),
      ),
    }),
    defineCardVerb({
      verb: SelectionVerbs.decide,
      data: DECISION_DATA,
      ...committee,
      confirmation: async (turn, data) => {
        if (data.decision !== 'decline') return undefined;
        const viewer = await viewerOf(turn);
        const pick = await programmeFor(turn, data);
        if (pick.kind !== 'programme') return undefined;
        const programme = pick.programme;
        if (getViewerScope(programme, viewer).kind === 'none') return undefined;
        // Read as the detail card reads it: the decision's refusals stay the use case's.
        const outcome = await getCandidacyDetail(core, {
          programme,
          viewer,
          candidacyId: data.candidacyId ?? '',
        });
        if (!outcome.ok || !outcome.value.canDecide) return undefined;
        const { candidacy } = outcome.value;
        const { t } = turn.card;
        const { decision: _decision, ...back } = data;
        return {
          title: t('selection.ask.declineTitle', { candidate: candidacy.applicant.name }),
          lines: [
            t('selection.ask.decline', {
              candidate: candidacy.applicant.name,
              organisation: getOrganisationName(programme, candidacy.organisationId),
              programme: programme.name,
            }),
          ],
          cancel: { verb: SelectionVerbs.detail, data: back },
        };
      },
      handle: guarded<z.infer<typeof DECISION_DATA>>(
        async (_turn, card, viewer, programme, data) => {
          if (data.decision === undefined) return detail(card, viewer, programme, data);
          const outcome = await decideCandidacy(core, {
            programme,
            actor: viewer,
            candidacyId: data.candidacyId ?? '',
            decision: data.decision,
          });
          const banner: Banner = outcome.ok
            ? {
                text: card.t('selection.decided', {
                  status: card.t(`candidacyStatus.${outcome.value.candidacy.status}`),
                }),
                style: 'good',
              }
            : { text: refusalSentence(card, outcome.refusal), style: 'attention' };
          return detail(card, viewer, programme, data, { banner });
        },
      ),
    }),
    defineCardVerb({
      verb: SelectionVerbs.score,
      data: SCORE_DATA,
      ...committee,
      handle: guarded<z.infer<typeof SCORE_DATA>>(async (_turn, card, viewer, programme, data) => {
        const outcome = await scoreCandidacy(core, {
          programme,
          memberAadId: viewer.aadId,
          candidacyId: data.candidacyId ?? '',
          fields: data,
        });
        if (outcome.ok) {
          return detail(card, viewer, programme, data, {
            banner: { text: card.t('selection.score.saved'), style: 'good' },
          });
        }
        if (outcome.refusal.code !== 'invalid') {
          return simple(refusalSentence(card, outcome.refusal));
        }
        return detail(card, viewer, programme, data, {
          banner: { text: refusalSentence(card, outcome.refusal), style: 'attention' },
          scoreValues: Object.fromEntries(
            Object.entries(data).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          ),
          errors: toFieldErrors(outcome.refusal.issues, card),
        });
      }),
    }),
    defineCardVerb({
      verb: SelectionVerbs.export,
      data: EXPORT_DATA,
      ...committee,
      handle: exportLink,
    }),
  ];

  const commands = [
    defineTextCommand({
      id: 'selection.overview',
      pattern: /^\s*(candidatures|applications|s[ée]lection)\s*$/i,
      examples: { fr: 'candidatures', en: 'applications' },
      ...committee,
      handle: async (turn) => turn.send(await overview(turn, {})),
    }),
    defineTextCommand({
      id: 'selection.export',
      pattern: /^\s*(exporter|export)\s*$/i,
      examples: { fr: 'exporter', en: 'export' },
      guard: Guards.labOrCommittee,
      scopes: ALL_SCOPES,
      handle: async (turn) =>
        turn.send(
          turn.sender.scope === 'personal'
            ? await exportLink(turn, { format: 'xlsx' })
            : await exportPrivately(turn, {}),
        ),
    }),
  ];

  return {
    name: 'selection',
    notices: createSelectionRenderers(),
    verbs,
    commands,
    scheduledJobs: [
      // Seats not confirmed by their deadline go to the waitlist, first thing in the morning.
      createDailyProgrammeJob({
        name: 'lapse-unconfirmed',
        time: '07:00',
        programmes: platform.programmes,
        run: (programme) => lapseUnconfirmed(platform.candidacyCore, programme),
      }),
    ],
    routes: [
      createExportRoute({
        core: platform.candidacyCore,
        programmes: platform.programmes,
        conversations: platform.conversations,
        signingKey,
        logger: platform.logger,
        mayDownload: (aadId) => isLabMember(platform, aadId),
      }),
    ],
  };
}

function toQuery(data: ListData): CandidacyListQuery {
  const query: CandidacyListQuery = {};
  if (data.status !== undefined && data.status !== '') query.status = data.status;
  if (data.organisationId !== undefined && data.organisationId !== '') {
    query.organisationId = data.organisationId;
  }
  if (data.branch !== undefined && data.branch !== '') query.branch = data.branch;
  if (data.page !== undefined && data.page > 0) query.page = data.page;
  return query;
}

function refusalSentence(card: CardContext, refusal: Refusal): string {
  return card.t('refusal.sentence', { reason: formatRefusal(refusal, card) });
}

function simple(title: string): AdaptiveCardJson {
  return buildCard({ title });
}
