import { CANDIDACY_STATUSES, type CandidacyStatus } from '../../core/candidacies/candidacy';
import type { Refusal } from '../../core/candidacies/refusal';
import type { MessageKey } from '../../i18n/fr';
import { formatDay } from '../../i18n/translate';
import type { CardContext } from '../../adapters/teams/cards/card-context';

// Refusal parameters holding calendar days, written out for people.
const DAY_PARAMS = ['openDay', 'closeDay', 'confirmBy'];

/** A refusal as a sentence in the user's language, dates and statuses written out. */
export function formatRefusal(refusal: Refusal, { t, language }: CardContext): string {
  const params: Record<string, string | number> = { ...refusal.params };
  for (const name of DAY_PARAMS) {
    const value = params[name];
    if (typeof value === 'string') params[name] = formatDay(value, language);
  }
  if (
    typeof params.status === 'string' &&
    (CANDIDACY_STATUSES as readonly string[]).includes(params.status)
  ) {
    params.status = t(`candidacyStatus.${params.status as CandidacyStatus}`);
  }
  return t(`refusal.${refusal.code}` as MessageKey, params);
}
