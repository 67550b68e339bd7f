import type { MyDataLine } from '../../core/personal-data/describe-my-data';
import { RETENTION_DEFAULTS } from '../../core/personal-data/personal-data-register';
import type { CardContext } from '../../adapters/teams/cards/card-context';
import { buildCard } from '../../adapters/teams/cards/card-kit';
import type { AdaptiveCardJson } from '../../adapters/teams/cards/render-card';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';
import { formatDay } from '../../i18n/translate';
import { PersonalDataVerbs } from './personal-data-verbs';

/** The "my data" card: every category with its count and retention, and the two buttons. */
export function buildMyDataCard(
  { t }: CardContext,
  lines: MyDataLine[],
  privacyNoticeUrl?: string,
): AdaptiveCardJson {
  const d = RETENTION_DEFAULTS;
  const params = {
    months: d.unselectedMonthsAfterCommittee,
    days: d.outboxPayloadDays,
  };
  return buildCard({
    title: t('personalData.title'),
    lines: [t('personalData.intro')],
    facts: lines.map((line) => ({
      label: t(`personalData.category.${line.category}`),
      value: t('personalData.count', {
        count: line.count,
        retention: line.retentions
          .map((rule) =>
            t(`personalData.retention.${rule}`, {
              ...params,
              ...(rule === 'participants' ? { months: d.participantMonthsAfterEnd } : {}),
              ...(rule === 'exportTokens' ? { days: d.exportTokenDays } : {}),
              ...(rule === 'uninstalledConversations'
                ? { days: d.uninstalledConversationDays }
                : {}),
            }),
          )
          .join(' ; '),
      }),
    })),
    actions: [
      { title: t('personalData.download'), verb: PersonalDataVerbs.link },
      { title: t('personalData.erase'), verb: PersonalDataVerbs.askErase, style: 'destructive' },
      ...(privacyNoticeUrl === undefined
        ? []
        : [{ kind: 'url' as const, title: t('personalData.notice'), url: privacyNoticeUrl }]),
    ],
  });
}

/** The card with the single-use download link of the sender's data. */
export function buildMyDataLinkCard(
  { t }: CardContext,
  link: { url: string; until: string },
): AdaptiveCardJson {
  return buildCard({
    title: t('personalData.link.title'),
    lines: [t('personalData.link.body', { time: link.until })],
    actions: [{ kind: 'url', title: t('personalData.link.button'), url: link.url }],
  });
}

/** "Erase your data?": what goes, what stays under a pseudonym, and the button that does it. */
export function buildConfirmErasureCard({ t }: CardContext): AdaptiveCardJson {
  return buildCard({
    title: t('personalData.confirm.title'),
    lines: [t('personalData.confirm.body')],
    actions: [
      {
        title: t('personalData.confirm.yes'),
        verb: PersonalDataVerbs.erase,
        data: { confirm: 'yes' },
        style: 'destructive',
      },
    ],
  });
}

/** The answer once erased, or when there was nothing to erase. */
export function buildErasedCard({ t }: CardContext, pseudonym: string | null): AdaptiveCardJson {
  return buildCard({
    title: pseudonym === null ? t('personalData.nothing') : t('personalData.erased', { pseudonym }),
  });
}

/** The person's answer when the Lab team decides: which programmes need them, and until when. */
export function buildErasurePendingCard(
  { t, language }: CardContext,
  pending: { programmes: string[]; eraseAfter: string },
): AdaptiveCardJson {
  return buildCard({
    title: t('personalData.pending.title'),
    lines: [
      t('personalData.pending.body', {
        programmes: pending.programmes.join(', '),
        day: formatDay(pending.eraseAfter, language),
      }),
    ],
  });
}

/** The answer to a Lab member's decision. */
export function buildDecisionCard(
  { t, language }: CardContext,
  outcome:
    | { kind: 'erased'; pseudonymName: string | null }
    | { kind: 'deferred'; eraseAfter: string }
    | { kind: 'refused'; reason: 'forbidden' | 'notFound' | 'alreadyDecided' },
): AdaptiveCardJson {
  switch (outcome.kind) {
    case 'erased':
      return buildCard({
        title: t('personalData.decided.erased', { pseudonym: outcome.pseudonymName ?? '—' }),
      });
    case 'deferred':
      return buildCard({
        title: t('personalData.decided.deferred', {
          day: formatDay(outcome.eraseAfter, language),
        }),
      });
    case 'refused':
      return buildCard({ title: t(`personalData.decided.${outcome.reason}`) });
  }
}

/** Cards of the personal data notices: the Lab team's request card, the person's deferral. */
export function createPersonalDataRenderers(): NoticeRenderers {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    'personalData.erasureRequest': (notice, { t, language }) => {
      const requestId = text(notice.data.requestId);
      const name = text(notice.data.name);
      return {
        card: buildCard({
          title: t('personalData.request.title'),
          lines: [
            t('personalData.request.body', {
              name: name === '' ? t('personalData.request.someone') : name,
              programmes: text(notice.data.programmes),
              day: formatDay(text(notice.data.eraseAfter), language),
            }),
          ],
          actions: [
            {
              title: t('personalData.request.erase'),
              verb: PersonalDataVerbs.decide,
              data: { requestId, decision: 'erase' },
              style: 'destructive',
            },
            {
              title: t('personalData.request.defer'),
              verb: PersonalDataVerbs.decide,
              data: { requestId, decision: 'defer' },
            },
          ],
        }),
        summary: t('personalData.request.title'),
      };
    },
    'personalData.erasureDeferred': (notice, { t, language }) => ({
      card: buildCard({
        title: t('personalData.deferred.title'),
        lines: [
          t('personalData.deferred.body', {
            day: formatDay(text(notice.data.eraseAfter), language),
          }),
        ],
      }),
      summary: t('personalData.deferred.title'),
    }),
  };
}
