import assert from 'node:assert/strict';
import { loadConfig } from '../../../../src/config';
import { buildRequestListCard } from '../../../../src/features/lab-sessions/lab-sessions-cards';
import { createTranslator } from '../../../../src/i18n/translate';
import { makeRequest } from '../../../support/lab-session-fixtures';

const context = { language: 'fr' as const, t: createTranslator('fr') };
const effort = {
  byMonth: [
    { month: '2027-01', days: 12 },
    { month: '2027-02', days: 45.5 },
  ],
  awaitingGo: 6,
};

describe('the Lab team’s list of session requests', () => {
  it('shows each month’s committed effort against the capacity, saying which month is over', () => {
    const card = JSON.stringify(
      buildRequestListCard(context, 'Demandes', [makeRequest()], {
        today: '2026-11-25',
        effort,
        capacity: 40,
      }),
    );
    assert.match(card, /"title":"janvier 2027","value":"12\u00a0j sur 40\u00a0j"/);
    assert.match(
      card,
      /"title":"février 2027","value":"45,5\u00a0j sur 40\u00a0j\u00a0: dépassé de 5,5\u00a0j"/,
    );
    assert.match(card, /"title":"En attente de go","value":"6\u00a0j"/);
    assert.match(card, /demandée · 5\u00a0j · Dominique Roy/);
  });

  it('shows the effort alone without a configured capacity', () => {
    const card = JSON.stringify(
      buildRequestListCard(context, 'Demandes', [], { today: '2026-11-25', effort }),
    );
    assert.match(card, /"title":"janvier 2027","value":"12\u00a0j"/);
    assert.match(card, /Aucune demande de session pour le moment/);
  });

  it('reads LAB_SESSION_CAPACITY_DAYS, refusing what is not a positive number', () => {
    assert.equal(loadConfig({}).labSessionCapacityDays, undefined);
    assert.equal(loadConfig({ LAB_SESSION_CAPACITY_DAYS: '40' }).labSessionCapacityDays, 40);
    assert.throws(
      () => loadConfig({ LAB_SESSION_CAPACITY_DAYS: 'beaucoup' }),
      /LAB_SESSION_CAPACITY_DAYS/,
    );
    assert.throws(
      () => loadConfig({ LAB_SESSION_CAPACITY_DAYS: '0' }),
      /LAB_SESSION_CAPACITY_DAYS/,
    );
  });
});
