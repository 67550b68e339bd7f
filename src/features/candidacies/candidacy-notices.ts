import { formatDay } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';
import { CandidacyVerbs } from './candidacy-verbs';

/** Longest endorsement comment the card accepts (the use case refuses more). */
const ENDORSEMENT_COMMENT_INPUT_LENGTH = 1_000;

/** A notice's field as text; anything else (a payload from an older version) reads as empty. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The card a line manager answers: the candidacy in short, a comment, endorse or decline. */
export function buildEndorsementRequestCard(
  { t }: CardContext,
  data: {
    programmeId: string;
    programmeName: string;
    candidacyId: string;
    candidateName: string;
    organisationName: string;
    motivation: string;
  },
): AdaptiveCardJson {
  const action = { programmeId: data.programmeId, candidacyId: data.candidacyId };
  return buildCard({
    title: t('endorsement.request.title'),
    lines: [
      t('endorsement.request.body', {
        candidate: data.candidateName,
        organisation: data.organisationName,
        programme: data.programmeName,
      }),
    ],
    sections: data.motivation === '' ? [] : [{ texts: [data.motivation] }],
    inputs: [
      {
        kind: 'text',
        id: 'comment',
        label: t('endorsement.comment'),
        value: '',
        maxLength: ENDORSEMENT_COMMENT_INPUT_LENGTH,
        multiline: true,
      },
    ],
    actions: [
      {
        kind: 'execute',
        title: t('endorsement.action.endorse'),
        verb: CandidacyVerbs.endorse,
        data: { ...action, verdict: 'endorsed' },
        style: 'positive',
      },
      {
        kind: 'execute',
        title: t('endorsement.action.decline'),
        verb: CandidacyVerbs.endorse,
        data: { ...action, verdict: 'declined' },
      },
    ],
  });
}

/**
 * Cards for the notices of candidacies, by kind, for the outbox notifier: manager endorsement
 * requests and answers, and draft reminders.
 */
export function createCandidacyRenderers(): NoticeRenderers {
  return {
    'candidacy.endorsementRequest': (notice, context) => ({
      card: buildEndorsementRequestCard(context, {
        programmeId: text(notice.data.programmeId),
        programmeName: text(notice.data.programmeName),
        candidacyId: text(notice.data.candidacyId),
        candidateName: text(notice.data.candidateName),
        organisationName: text(notice.data.organisationName),
        motivation: text(notice.data.motivation),
      }),
      summary: context.t('endorsement.request.title'),
    }),
    'candidacy.endorsementAnswered': (notice, { t }) => {
      const verdict = t(
        notice.data.verdict === 'endorsed'
          ? 'endorsementStatus.endorsed'
          : 'endorsementStatus.declined',
        { email: '' },
      );
      const comment = text(notice.data.comment);
      return {
        card: buildCard({
          title: t('endorsement.notice.title'),
          lines: [
            t('endorsement.notice.body', { verdict, programme: text(notice.data.programmeName) }),
            ...(comment === '' ? [] : [comment]),
          ],
        }),
        summary: t('endorsement.notice.title'),
      };
    },
    'candidacy.endorsementUnreachable': (notice, { t }) => ({
      card: buildCard({
        title: t('endorsement.unreachable.title'),
        lines: [
          t('endorsement.unreachable.body', {
            email: text(notice.data.managerEmail),
            programme: text(notice.data.programmeName),
          }),
        ],
      }),
      summary: t('endorsement.unreachable.title'),
    }),
    'candidacy.draftReminder': (notice, { t, language }) => ({
      card: buildCard({
        title: t('reminder.draft.title'),
        lines: [
          t('reminder.draft.body', {
            programme: text(notice.data.programmeName),
            closeDay: formatDay(text(notice.data.closeDay), language),
          }),
        ],
        actions: [
          {
            kind: 'execute',
            title: t('candidacy.action.open', { programme: text(notice.data.programmeName) }),
            verb: CandidacyVerbs.open,
            data: { programmeId: text(notice.data.programmeId) },
            style: 'positive',
          },
        ],
      }),
      summary: t('reminder.draft.title'),
    }),
  };
}
