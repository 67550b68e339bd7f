import { createTranslator, type Language } from '../i18n/translate';
import type { DeliveryProgress } from './delivery-worker';

/** Id of the card element holding what is being sent, read back when the card is redrawn. */
export const PROGRESS_LABEL_ID = 'label';

/** The counts a progress card shows. */
export type ProgressCounts = Pick<
  DeliveryProgress,
  'sent' | 'failed' | 'unreachable' | 'pending' | 'total'
>;

/** What the card needs: what is being sent (already in the admin's language), the counts, the language. */
export interface ProgressCardInput {
  label: string;
  language: Language;
  counts: ProgressCounts;
}

/**
 * The progress card of a bulk send, "Envoi : 1 240 / 3 000 · 2 échecs" while messages are
 * pending, then the summary. The card's `lang` and its label element are what a redraw reads
 * back, so the card itself is the only record of how to draw it.
 */
export function buildProgressCard(input: ProgressCardInput): {
  card: Record<string, unknown>;
  summary: string;
} {
  const { label, language, counts } = input;
  const t = createTranslator(language);
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';
  const number = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  // French says "0 échec", "1 échec", "2 échecs": PluralRules knows; 'many' and the rest read as plural.
  const form = (count: number): 'one' | 'other' =>
    plural.select(count) === 'one' ? 'one' : 'other';
  const failures = t(`delivery.progress.failures.${form(counts.failed)}`, {
    count: number.format(counts.failed),
  });
  const finished = counts.pending === 0;
  const status = t(finished ? 'delivery.progress.done' : 'delivery.progress.running', {
    sent: number.format(counts.sent),
    total: number.format(counts.total),
    failures,
  });
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', id: PROGRESS_LABEL_ID, text: label, weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: status,
      wrap: true,
      ...(finished ? { color: counts.failed > 0 ? 'Warning' : 'Good' } : {}),
    },
  ];
  if (finished && counts.unreachable > 0) {
    body.push({
      type: 'TextBlock',
      text: t(`delivery.progress.unreachable.${form(counts.unreachable)}`, {
        count: number.format(counts.unreachable),
      }),
      wrap: true,
      isSubtle: true,
    });
  }
  return {
    card: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      lang: language,
      body,
    },
    summary: status,
  };
}
