import { PROGRAMME_TIME_ZONE } from '../../core/candidacies/get-call-status';
import { type Candidacy, CANDIDACY_STATUSES } from '../../core/candidacies/candidacy';
import { getOrganisationName, BRANCHES, type Programme } from '../../core/programmes/programme';
import type { Score } from '../../core/ports/score-store';
import type { CandidacyCounts } from '../../core/selection/count-candidacies';
import type { CandidacyDetail } from '../../core/selection/get-candidacy-detail';
import { getCriteria, toScoreFieldId } from '../../core/selection/committee';
import type { CandidacyList, CandidacyListQuery } from '../../core/selection/list-candidacies';
import {
  SCORE_COMMENT_FIELD,
  SCORE_COMMENT_MAX_LENGTH,
  SCORE_MAX,
  SCORE_MIN,
} from '../../core/selection/score-candidacy';
import { formatDay, formatNumber } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard, type CardButton, type CardInput } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import { summariseCandidacy } from '../candidacies/candidacy-cards';
import type { Banner } from '../../adapters/teams/cards/card-kit';
import { SelectionVerbs } from './selection-verbs';
import { dateTimeFormat } from '../../core/scheduling/date-time-format';

/** The Lab team's overview: counts by status, organisation and branch, and the seats taken. */
export function buildOverviewCard(
  context: CardContext,
  programme: Programme,
  counts: CandidacyCounts,
  options: { canExport: boolean },
): AdaptiveCardJson {
  const { t } = context;
  const selected = (byStatus: CandidacyCounts['byStatus']): number =>
    byStatus.accepted + byStatus.confirmed;
  const data = { programmeId: programme.id };
  const actions: CardButton[] = [
    { kind: 'execute', title: t('selection.action.list'), verb: SelectionVerbs.list, data },
  ];
  if (options.canExport) {
    actions.push(
      {
        kind: 'execute',
        title: t('selection.action.exportXlsx'),
        secondary: true,
        verb: SelectionVerbs.export,
        data: { ...data, format: 'xlsx' },
      },
      {
        kind: 'execute',
        title: t('selection.action.exportCsv'),
        secondary: true,
        verb: SelectionVerbs.export,
        data: { ...data, format: 'csv' },
      },
    );
  }
  return buildCard({
    title: t('selection.overview.title', { programme: programme.name }),
    lines: [
      t('selection.overview.total', {
        total: counts.total,
        taken: counts.seatsTaken,
        seats: counts.seats,
      }),
    ],
    sections: [
      {
        title: t('selection.overview.byStatus'),
        facts: CANDIDACY_STATUSES.filter((s) => counts.byStatus[s] > 0).map((s) => ({
          label: t(`candidacyStatus.${s}`),
          value: String(counts.byStatus[s]),
        })),
      },
      {
        title: t('selection.overview.byOrganisation'),
        facts: counts.byOrganisation.map((o) => ({
          label: o.name,
          value: t('selection.overview.count', { total: o.total, selected: selected(o.byStatus) }),
        })),
      },
      {
        title: t('selection.overview.byBranch'),
        facts: counts.byBranch.map((b) => ({
          label: t(`branch.${b.branch}`),
          value: t('selection.overview.count', { total: b.total, selected: selected(b.byStatus) }),
        })),
      },
    ],
    actions,
  });
}

/** The paged, filtered list; every row opens the candidacy's detail. */
export function buildListCard(
  context: CardContext,
  programme: Programme,
  list: CandidacyList,
  query: CandidacyListQuery,
  options: { scores: readonly Score[]; committeeOrganisation?: string; banner?: Banner },
): AdaptiveCardJson {
  const { t } = context;
  const filters = {
    status: query.status ?? '',
    organisationId: query.organisationId ?? '',
    branch: query.branch ?? '',
  };
  const data = { programmeId: programme.id, ...filters };
  const all = { title: t('selection.filter.all'), value: '' };
  const inputs: CardInput[] = [
    {
      kind: 'choice',
      id: 'status',
      label: t('selection.filter.status'),
      value: filters.status,
      choices: [
        all,
        ...CANDIDACY_STATUSES.map((s) => ({ title: t(`candidacyStatus.${s}`), value: s })),
      ],
    },
    {
      kind: 'choice',
      id: 'organisationId',
      label: t('selection.filter.organisation'),
      value: filters.organisationId,
      choices: [all, ...programme.organisations.map((o) => ({ title: o.name, value: o.id }))],
    },
    {
      kind: 'choice',
      id: 'branch',
      label: t('selection.filter.branch'),
      value: filters.branch,
      choices: [
        all,
        ...BRANCHES.filter((b) => programme.organisations.some((o) => o.branch === b)).map((b) => ({
          title: t(`branch.${b}`),
          value: b,
        })),
      ],
    },
  ];
  const actions: CardButton[] = [
    {
      kind: 'execute',
      title: t('selection.action.filter'),
      verb: SelectionVerbs.list,
      data: { ...data, page: 0 },
    },
  ];
  const hasNext = list.page + 1 < list.pageCount;
  if (list.page > 0) {
    actions.push({
      kind: 'execute',
      title: t('selection.action.previous'),
      verb: SelectionVerbs.list,
      data: { ...data, page: list.page - 1 },
      // Filter and one way on stay in sight; going back waits in "…" while there is a next page.
      secondary: hasNext,
    });
  }
  if (hasNext) {
    actions.push({
      kind: 'execute',
      title: t('selection.action.next'),
      verb: SelectionVerbs.list,
      data: { ...data, page: list.page + 1 },
    });
  }
  actions.push({
    kind: 'execute',
    title: t('selection.action.overview'),
    verb: SelectionVerbs.overview,
    data: { programmeId: programme.id },
    secondary: true,
  });
  const lines = [
    list.total === 0
      ? t('selection.list.empty')
      : t('selection.list.page', {
          total: list.total,
          page: list.page + 1,
          pageCount: list.pageCount,
        }),
  ];
  if (options.committeeOrganisation !== undefined) {
    lines.unshift(
      t('selection.list.committeeNote', { organisation: options.committeeOrganisation }),
    );
  }
  return buildCard({
    title: t('selection.list.title', { programme: programme.name }),
    ...(options.banner === undefined ? {} : { banner: options.banner }),
    lines,
    inputs,
    items: list.items.map((candidacy) => ({
      title: displayName(candidacy),
      subtitle: rowSubtitle(context, programme, candidacy, options.scores),
      action: {
        title: t('selection.action.open', { name: displayName(candidacy) }),
        verb: SelectionVerbs.detail,
        data: { ...data, page: list.page, candidacyId: candidacy.id },
      },
    })),
    actions,
  });
}

/** One candidacy for the Lab team (decision buttons) or a committee member (scoring inputs). */
export function buildDetailCard(
  context: CardContext,
  programme: Programme,
  detail: CandidacyDetail,
  options: {
    back: Record<string, unknown>;
    banner?: Banner;
    memberNames: ReadonlyMap<string, string>;
    scoreValues?: Record<string, string>;
    errors?: Record<string, string>;
    viewerAadId: string;
  },
): AdaptiveCardJson {
  const { t, language } = context;
  const { candidacy } = detail;
  const criteria = getCriteria(programme);
  const data = { programmeId: programme.id, candidacyId: candidacy.id, ...options.back };
  const sections = summariseCandidacy(context, programme, candidacy);
  sections.push({
    title: t('selection.detail.scores'),
    texts:
      detail.scores.length === 0
        ? [t('selection.detail.noScores')]
        : detail.scores.map((score) => scoreLine(context, criteria, score, options.memberNames)),
  });
  if (detail.decisions.length > 0) {
    sections.push({
      title: t('selection.detail.history'),
      texts: detail.decisions.map((d) =>
        t('selection.detail.historyLine', {
          date: formatDay(d.decidedAt.toISOString().slice(0, 10), language),
          status: t(`candidacyStatus.${d.status}`),
          by:
            d.decidedBy === 'system'
              ? t('selection.detail.system')
              : (options.memberNames.get(d.decidedBy) ?? d.decidedBy),
        }),
      ),
    });
  }
  const actions: CardButton[] = [];
  const inputs: CardInput[] = [];
  if (detail.canDecide) {
    actions.push(
      {
        kind: 'execute',
        title: t('selection.action.accept'),
        verb: SelectionVerbs.decide,
        data: { ...data, decision: 'accept' },
        style: 'positive',
      },
      {
        kind: 'execute',
        title: t('selection.action.waitlist'),
        verb: SelectionVerbs.decide,
        data: { ...data, decision: 'waitlist' },
      },
      {
        kind: 'execute',
        title: t('selection.action.decline'),
        verb: SelectionVerbs.decide,
        data: { ...data, decision: 'decline' },
        style: 'destructive',
      },
    );
  }
  if (detail.canScore) {
    const own = detail.scores.find(
      (s) => s.memberAadId.toLowerCase() === options.viewerAadId.toLowerCase(),
    );
    const values = options.scoreValues ?? {};
    const scale = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) =>
      String(SCORE_MIN + i),
    );
    for (const criterion of criteria) {
      const id = toScoreFieldId(criterion.id);
      inputs.push({
        kind: 'choice',
        id,
        label: criterion.label,
        value:
          values[id] ??
          (own?.values[criterion.id] === undefined ? '' : String(own.values[criterion.id])),
        placeholder: t('candidacy.field.choose'),
        choices: scale.map((value) => ({ title: value, value })),
        error: options.errors?.[id] ?? '',
      });
    }
    inputs.push({
      kind: 'text',
      id: SCORE_COMMENT_FIELD,
      label: t('selection.score.comment'),
      value: values[SCORE_COMMENT_FIELD] ?? own?.comment ?? '',
      maxLength: SCORE_COMMENT_MAX_LENGTH,
      multiline: true,
      error: options.errors?.[SCORE_COMMENT_FIELD] ?? '',
    });
    actions.push({
      kind: 'execute',
      title: t('selection.score.save'),
      verb: SelectionVerbs.score,
      data,
      style: 'positive',
    });
  }
  actions.push({
    kind: 'execute',
    title: t('selection.action.back'),
    verb: SelectionVerbs.list,
    data: { programmeId: programme.id, ...options.back },
  });
  if (detail.canScore) sections.push({ title: t('selection.score.title') });
  return buildCard({
    title: displayName(candidacy),
    subtitle: `${getOrganisationName(programme, candidacy.organisationId)} · ${t(
      'selection.detail.submitted',
      {
        date: formatDay(candidacy.submittedAt.toISOString().slice(0, 10), language),
      },
    )}`,
    ...(options.banner === undefined ? {} : { banner: options.banner }),
    sections,
    inputs,
    actions,
  });
}

/** The export link card: a button to download, valid 15 minutes, for this admin only. */
/** When an export link stops working, as the reader's clock says it (Paris time). */
export function formatExpiry(card: CardContext, expiresAt: Date): string {
  return dateTimeFormat(card.language === 'en' ? 'en-GB' : 'fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: PROGRAMME_TIME_ZONE,
  }).format(expiresAt);
}

/** The card with an export's single-use download link. */
export function buildExportCard(
  { t }: CardContext,
  programme: Pick<Programme, 'name'>,
  link: { url: string; format: string; until: string },
): AdaptiveCardJson {
  return buildCard({
    title: t('selection.export.title', { programme: programme.name }),
    lines: [t('selection.export.body', { time: link.until })],
    actions: [
      {
        kind: 'url',
        title: t('selection.export.download', { format: `.${link.format}` }),
        url: link.url,
      },
    ],
  });
}

function displayName(candidacy: Candidacy): string {
  return candidacy.answers.mode === 'team'
    ? `${candidacy.answers.teamName} (${candidacy.applicant.name})`
    : candidacy.applicant.name;
}

function rowSubtitle(
  { t, language }: CardContext,
  programme: Programme,
  candidacy: Candidacy,
  scores: readonly Score[],
): string {
  const base = t('selection.list.item', {
    organisation: getOrganisationName(programme, candidacy.organisationId),
    status: t(`candidacyStatus.${candidacy.status}`),
  });
  const own = scores.filter((s) => s.candidacyId === candidacy.id);
  const values = own.flatMap((s) => Object.values(s.values));
  if (values.length === 0) return base;
  const average = formatNumber(
    Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
    language,
  );
  return base + t('selection.list.scored', { count: own.length, average });
}

function scoreLine(
  { t }: CardContext,
  criteria: { id: string; label: string }[],
  score: Score,
  memberNames: ReadonlyMap<string, string>,
): string {
  const values = criteria
    .filter((c) => score.values[c.id] !== undefined)
    .map((c) => `${c.label} ${score.values[c.id]}`)
    .join(', ');
  const line = t('selection.detail.scoreLine', {
    member: memberNames.get(score.memberAadId.toLowerCase()) ?? score.memberAadId,
    values,
  });
  return score.comment === '' ? line : `${line} — ${score.comment}`;
}
