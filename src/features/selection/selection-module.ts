import type { TurnContext } from 'botbuilder';
import { CANDIDACY_STATUSES, type CandidacyStatus } from '../../core/candidacies/candidacy';
import type { CandidacyDeps } from '../../core/candidacies/candidacy-deps';
import { getProgrammeDay, PROGRAMME_TIME_ZONE } from '../../core/candidacies/get-call-status';
import { getOrganisationName } from '../../core/candidacies/get-organisation-name';
import type { Refusal } from '../../core/candidacies/refusal';
import type { Person } from '../../core/people/role';
import type { ExportFormat } from '../../core/ports/export-token-store';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import { BRANCHES, type Branch, type Programme } from '../../core/programmes/programme';
import { countCandidacies } from '../../core/selection/count-candidacies';
import { createExportLink } from '../../core/selection/create-export-link';
import { decideCandidacy, type LabDecision } from '../../core/selection/decide-candidacy';
import { getCandidacyDetail } from '../../core/selection/get-candidacy-detail';
import { getViewerScope } from '../../core/selection/get-viewer-scope';
import { listCandidacies, type CandidacyListQuery } from '../../core/selection/list-candidacies';
import { scoreCandidacy } from '../../core/selection/score-candidacy';
import type { Logger } from '../../logger';
import { signExportLink } from '../../adapters/export/sign-export-link';
import type { BotFeature } from '../../adapters/teams/bot-feature';
import { CardVerbs } from '../../adapters/teams/card-verbs';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import type { Banner } from '../candidacies/candidacy-cards';
import { createLoggingNotifier } from '../../adapters/teams/notices/create-logging-notifier';
import { formatRefusal, toFieldErrors } from '../candidacies/format-refusal';
import { onCardAction, type ActionData } from '../../adapters/teams/features/on-card-action';
import {
  buildDetailCard,
  buildExportCard,
  buildListCard,
  buildOverviewCard,
} from './selection-cards';

/** What the selection feature needs. */
export interface SelectionFeatureDeps {
  core: CandidacyDeps;
  programmes: ProgrammeStore;
  /** Where people's browsers reach the bot's server, for export links. */
  publicUrl: () => string;
  /** The HMAC key of export links (EXPORT_SIGNING_KEY). */
  signingKey: string;
  logger: Logger;
}

/**
 * The Lab team and the committee in Teams: counts, the filtered list, each candidacy's detail,
 * scoring (never one's own organisation), decisions under the limits, and export links.
 * Commands: "candidatures" / "sélection" / "applications", and "exporter" / "export".
 */
export function createSelectionFeature(deps: SelectionFeatureDeps): BotFeature {
  const core: CandidacyDeps = {
    ...deps.core,
    notifier: createLoggingNotifier(deps.core.notifier, deps.logger),
  };

  return (app, helpers) => {
    const viewerOf = (context: TurnContext): Person | undefined => {
      const aadId = context.activity.from?.aadObjectId;
      return aadId === undefined ? undefined : { aadId, roles: helpers.rolesOf(context) };
    };

    const programmeFor = async (data: ActionData): Promise<Programme | undefined> => {
      if (typeof data.programmeId === 'string') return deps.programmes.get(data.programmeId);
      const today = getProgrammeDay(core.clock);
      const all = await deps.programmes.list();
      // The most recent call that has opened; the list is most recent first.
      return all.find((p) => p.milestones.candidacyOpen <= today) ?? all[0];
    };

    const guarded = (
      handle: (
        context: TurnContext,
        card: CardContext,
        viewer: Person,
        programme: Programme,
        data: ActionData,
      ) => Promise<AdaptiveCardJson>,
    ) => {
      return async (context: TurnContext, data: ActionData): Promise<AdaptiveCardJson> => {
        const card = helpers.cardContextOf(context);
        const viewer = viewerOf(context);
        const programme = await programmeFor(data);
        if (programme === undefined) return simple(card.t('candidacy.none'));
        if (viewer === undefined || getViewerScope(programme, viewer).kind === 'none') {
          return simple(refusalSentence(card, { code: 'forbidden', params: {} }));
        }
        return handle(context, card, viewer, programme, data);
      };
    };

    const overview = guarded(async (_context, card, viewer, programme) => {
      const counts = countCandidacies(programme, await core.candidacies.list(programme.id));
      return buildOverviewCard(card, programme, counts, { canExport: viewer.roles.has('lab') });
    });

    const list = guarded(async (_context, card, viewer, programme, data) => {
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
      data: ActionData,
      extra: {
        banner?: Banner;
        scoreValues?: Record<string, string>;
        errors?: Record<string, string>;
      } = {},
    ): Promise<AdaptiveCardJson> => {
      const outcome = await getCandidacyDetail(core, {
        programme,
        viewer,
        candidacyId: typeof data.candidacyId === 'string' ? data.candidacyId : '',
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
        memberNames: new Map(
          (programme.committee ?? []).map((m) => [m.aadId.toLowerCase(), m.name]),
        ),
        viewerAadId: viewer.aadId,
        ...extra,
      });
    };

    app.message(/^\s*(candidatures|applications|s[ée]lection)\s*$/i, async (context) => {
      await helpers.sendCard(context, await overview(context, {}));
    });

    app.message(/^\s*(exporter|export)\s*$/i, async (context) => {
      await helpers.sendCard(context, await exportLink(context, { format: 'xlsx' }));
    });

    onCardAction(app, helpers, CardVerbs.selectionOverview, overview);
    onCardAction(app, helpers, CardVerbs.selectionList, list);
    onCardAction(
      app,
      helpers,
      CardVerbs.selectionDetail,
      guarded((_context, card, viewer, programme, data) => detail(card, viewer, programme, data)),
    );

    onCardAction(
      app,
      helpers,
      CardVerbs.selectionDecide,
      guarded(async (_context, card, viewer, programme, data) => {
        const decision = toDecision(data.decision);
        if (decision === undefined) return detail(card, viewer, programme, data);
        const outcome = await decideCandidacy(core, {
          programme,
          actor: viewer,
          candidacyId: typeof data.candidacyId === 'string' ? data.candidacyId : '',
          decision,
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
      }),
    );

    onCardAction(
      app,
      helpers,
      CardVerbs.selectionScore,
      guarded(async (_context, card, viewer, programme, data) => {
        const outcome = await scoreCandidacy(core, {
          programme,
          memberAadId: viewer.aadId,
          candidacyId: typeof data.candidacyId === 'string' ? data.candidacyId : '',
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
    );

    const exportLink = guarded(async (_context, card, viewer, programme, data) => {
      const format: ExportFormat = data.format === 'csv' ? 'csv' : 'xlsx';
      const outcome = await createExportLink(core, { programme, actor: viewer, format });
      if (!outcome.ok) return simple(refusalSentence(card, outcome.refusal));
      const token = outcome.value;
      const url = signExportLink(
        deps.publicUrl(),
        { tokenId: token.id, adminAadId: token.adminAadId, expiresAt: token.expiresAt },
        deps.signingKey,
      );
      const until = new Intl.DateTimeFormat(card.language === 'en' ? 'en-GB' : 'fr-FR', {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: PROGRAMME_TIME_ZONE,
      }).format(token.expiresAt);
      return buildExportCard(card, programme, { url, format, until });
    });
    onCardAction(app, helpers, CardVerbs.selectionExport, exportLink);
  };
}

function toQuery(data: ActionData): CandidacyListQuery {
  const query: CandidacyListQuery = {};
  if (
    typeof data.status === 'string' &&
    (CANDIDACY_STATUSES as readonly string[]).includes(data.status)
  ) {
    query.status = data.status as CandidacyStatus;
  }
  if (typeof data.organisationId === 'string' && data.organisationId !== '') {
    query.organisationId = data.organisationId;
  }
  if (typeof data.branch === 'string' && (BRANCHES as readonly string[]).includes(data.branch)) {
    query.branch = data.branch as Branch;
  }
  const page = Number(data.page);
  if (Number.isInteger(page) && page > 0) query.page = page;
  return query;
}

function toDecision(value: unknown): LabDecision | undefined {
  return value === 'accept' || value === 'waitlist' || value === 'decline' ? value : undefined;
}

function refusalSentence(card: CardContext, refusal: Refusal): string {
  return card.t('refusal.sentence', { reason: formatRefusal(refusal, card) });
}

function simple(title: string): AdaptiveCardJson {
  return buildCard({ title });
}
