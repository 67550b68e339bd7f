import { formatDay } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/fr';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';
import { CandidacyVerbs } from '../candidacies/candidacy-verbs';
import { text } from '../candidacies/candidacy-notices';
import { buildExportCard, formatExpiry } from './selection-cards';
import { SelectionVerbs } from './selection-verbs';

/**
 * Cards for the notices of selection, by kind, for the outbox notifier: decisions (with the
 * confirm and renounce buttons of an accepted candidate), the team sponsor's notice of the
 * decision (or the referent's, when the sponsor cannot be reached), lapses, and the Lab team's
 * notices of promotions and freed seats.
 */
export function createSelectionRenderers(): NoticeRenderers {
  return {
    'selection.sponsorDecision': (notice, { t }) => {
      const outcome = notice.data.status === 'accepted' ? 'accepted' : 'declined';
      const params = {
        team: text(notice.data.teamName),
        organisation: text(notice.data.organisationName),
        referent: text(notice.data.referentName),
        programme: text(notice.data.programmeName),
      };
      const title = t(`selection.sponsorDecision.${outcome}.title`, params);
      return {
        card: buildCard({
          title,
          lines: [t(`selection.sponsorDecision.${outcome}.body`, params)],
          note: t('selection.sponsorDecision.note'),
        }),
        summary: title,
      };
    },
    'selection.sponsorReview': (notice, { t }) => {
      const params = {
        team: text(notice.data.teamName),
        organisation: text(notice.data.organisationName),
        programme: text(notice.data.programmeName),
        review: t(
          notice.data.review === 'march' ? 'followUp.review.march' : 'followUp.review.december',
        ),
      };
      const title = t('selection.sponsorReview.title', params);
      const decision = text(notice.data.decision);
      return {
        card: buildCard({
          title,
          lines: [t('selection.sponsorReview.body', params)],
          facts: [
            {
              label: t('selection.sponsorReview.decision'),
              value: ['continue', 'scale-up', 'adjust', 'stop'].includes(decision)
                ? t(`review.decision.${decision}` as MessageKey)
                : decision,
            },
            { label: t('selection.sponsorReview.nextSteps'), value: text(notice.data.nextSteps) },
            { label: t('selection.sponsorReview.owner'), value: text(notice.data.owner) },
          ],
          note: t('selection.sponsorDecision.note'),
        }),
        summary: title,
      };
    },
    'selection.sponsorUnreachable': (notice, { t }) => {
      const title = t('selection.sponsorUnreachable.title');
      return {
        card: buildCard({
          title,
          lines: [
            t('selection.sponsorUnreachable.body', {
              email: text(notice.data.sponsorEmail),
              team: text(notice.data.teamName),
              programme: text(notice.data.programmeName),
            }),
          ],
        }),
        summary: title,
      };
    },
    'selection.exportLink': (notice, context) => {
      const programme = { name: text(notice.data.programmeName) };
      const card = buildExportCard(context, programme, {
        url: text(notice.data.url),
        format: text(notice.data.format),
        until: formatExpiry(context, new Date(text(notice.data.expiresAt))),
      });
      return { card, summary: context.t('selection.export.title', { programme: programme.name }) };
    },
    'selection.decision': (notice, context) => {
      const card = buildDecisionCard(context, {
        programmeId: text(notice.data.programmeId),
        programmeName: text(notice.data.programmeName),
        status: text(notice.data.status),
        confirmBy: text(notice.data.confirmBy),
        promoted: notice.data.promoted === true,
      });
      return { card, summary: decisionTitle(context, notice.data) };
    },
    'selection.lapsed': (notice, { t, language }) => ({
      card: buildCard({
        title: t('decision.lapsed.title'),
        lines: [
          t('decision.lapsed.body', {
            programme: text(notice.data.programmeName),
            confirmBy: formatDay(text(notice.data.confirmBy), language),
          }),
        ],
      }),
      summary: t('decision.lapsed.title'),
    }),
    'selection.promoted': (notice, { t }) => {
      const title = t('selection.promoted.title', { programme: text(notice.data.programmeName) });
      return {
        card: buildCard({
          title,
          lines: [
            t('selection.promoted.body', {
              candidate: text(notice.data.candidateName),
              organisation: text(notice.data.organisationName),
              reason: reasonOf(t, notice.data.reason),
            }),
          ],
          actions: [
            {
              kind: 'execute',
              title: t('selection.action.open', { name: text(notice.data.candidateName) }),
              verb: SelectionVerbs.detail,
              data: {
                programmeId: text(notice.data.programmeId),
                candidacyId: text(notice.data.candidacyId),
              },
            },
          ],
        }),
        summary: title,
      };
    },
    'selection.seatFreed': (notice, { t }) => {
      const title = t('selection.seatFreed.title', { programme: text(notice.data.programmeName) });
      return {
        card: buildCard({
          title,
          lines: [t('selection.seatFreed.body', { reason: reasonOf(t, notice.data.reason) })],
          actions: [
            {
              kind: 'execute',
              title: t('selection.action.list'),
              verb: SelectionVerbs.list,
              data: { programmeId: text(notice.data.programmeId) },
            },
          ],
        }),
        summary: title,
      };
    },
  };
}

/** The decision card: accepted (with confirm and renounce buttons), waitlisted or declined. */
export function buildDecisionCard(
  context: CardContext,
  data: {
    programmeId: string;
    programmeName: string;
    status: string;
    confirmBy: string;
    promoted: boolean;
  },
): AdaptiveCardJson {
  const { t, language } = context;
  const programme = data.programmeName;
  if (data.status === 'accepted') {
    const action = { programmeId: data.programmeId };
    return buildCard({
      title: t('decision.accepted.title', { programme }),
      ...(data.promoted
        ? { banner: { text: t('decision.accepted.promoted'), style: 'good' as const } }
        : {}),
      lines: [
        t('decision.accepted.body', {
          confirmBy: data.confirmBy === '' ? '' : formatDay(data.confirmBy, language),
        }),
      ],
      actions: [
        {
          kind: 'execute',
          title: t('decision.action.confirm'),
          verb: CandidacyVerbs.confirm,
          data: action,
          style: 'positive',
        },
        {
          kind: 'execute',
          title: t('decision.action.renounce'),
          verb: CandidacyVerbs.renounce,
          data: action,
        },
      ],
    });
  }
  const key = data.status === 'waitlisted' ? 'waitlisted' : 'declined';
  return buildCard({
    title: t(`decision.${key}.title`),
    lines: [t(`decision.${key}.body`, { programme })],
  });
}

function decisionTitle({ t }: CardContext, data: Record<string, unknown>): string {
  if (data.status === 'accepted') {
    return t('decision.accepted.title', { programme: text(data.programmeName) });
  }
  return t(data.status === 'waitlisted' ? 'decision.waitlisted.title' : 'decision.declined.title');
}

function reasonOf(t: CardContext['t'], reason: unknown): string {
  if (reason === 'declined' || reason === 'withdrawn' || reason === 'lapsed') {
    return t(`selection.reason.${reason}`);
  }
  return '';
}
