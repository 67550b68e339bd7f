import assert from 'node:assert/strict';
import { REQUEST_TEXT_FIELDS } from '../../../../src/core/lab-sessions/validate-request-fields';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  scoreRequest,
} from '../../../../src/core/lab-sessions/prioritise-requests';
import {
  buildPrioritisationCard,
  MAX_RANKED_SHOWN,
} from '../../../../src/features/lab-sessions/lab-sessions-cards';
import {
  MAX_CARD_BYTES,
  measureMessageBytes,
} from '../../../../src/adapters/teams/cards/card-size';
import { createTranslator } from '../../../../src/i18n/translate';
import { makeRequest } from '../../../support/lab-session-fixtures';

/** A field's longest value, as the form accepts it. */
const longest = (id: string): number => REQUEST_TEXT_FIELDS.find((f) => f.id === id)!.maxLength;

describe('the prioritisation card', () => {
  it('lists the best 25 of 120 qualified requests, says how many more, and stays under 80 KB of UTF-16', () => {
    const ranked = Array.from({ length: 120 }, (_, i) => {
      const request = makeRequest({
        id: `req-${i}`,
        trackingNumber: `LAB-2027-${String(i + 1).padStart(3, '0')}`,
        status: 'qualification',
        fields: {
          ...makeRequest().fields,
          subject: 'É'.repeat(longest('subject')),
          desiredPeriod: 'P'.repeat(longest('desiredPeriod')),
        },
        qualification: {
          objectivesReachable: true,
          intentionChecked: true,
          format: 'Atelier',
          effortDays: 60,
          risks: '',
          by: 'lab',
          at: new Date('2027-01-10T10:00:00.000Z'),
        },
        priority: { urgency: 5, impact: 5, fit: 5, by: 'lab', at: new Date() },
      });
      return { request, effortDays: 60, score: scoreRequest(request, DEFAULT_PRIORITY_WEIGHTS) };
    });
    const card = buildPrioritisationCard({ language: 'fr', t: createTranslator('fr') }, ranked, {
      weights: DEFAULT_PRIORITY_WEIGHTS,
      effort: {
        byMonth: Array.from({ length: 12 }, (_, m) => ({
          month: `2027-${String(m + 1).padStart(2, '0')}`,
          days: 200,
        })),
        awaitingGo: 7200,
      },
      capacity: 40,
    });
    const text = JSON.stringify(card);
    assert.ok(text.includes(`${MAX_RANKED_SHOWN}. LAB-2027-025`));
    assert.ok(!text.includes('LAB-2027-026'));
    assert.match(text, /Les 95 suivantes ne sont pas listées ici/);
    const bytes = measureMessageBytes(card);
    assert.ok(bytes < MAX_CARD_BYTES, `${bytes} bytes`);
  });
});
