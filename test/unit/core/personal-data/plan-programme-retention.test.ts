import assert from 'node:assert/strict';
import {
  addMonths,
  dueRetentionRules,
  planProgrammeRetention,
} from '../../../../src/core/personal-data/plan-programme-retention';
import { RETENTION_DEFAULTS } from '../../../../src/core/personal-data/personal-data-register';
import { runRetention } from '../../../../src/core/personal-data/run-retention';
import { toPseudonym } from '../../../../src/core/personal-data/to-pseudonym';
import type { PersonalDataStore } from '../../../../src/core/ports/personal-data-store';
import { createTestProgramme } from '../../../support/candidacy-programme';

describe('a programme’s retention days', () => {
  const days = planProgrammeRetention(
    { candidacyClose: '2026-04-03', selectionCommittee: '2026-08-31', end: '2027-02-28' },
    RETENTION_DEFAULTS,
  );

  it('deletes drafts the day after the call closes, the rest months after their milestone', () => {
    assert.deepEqual(days, {
      drafts: '2026-04-04',
      // 31 August + 6 months: there is no 31 February, so the last day of February.
      unselected: '2027-02-28',
      participants: '2028-02-28',
    });
  });

  it('applies nothing the day before, and a rule from its day on', () => {
    assert.deepEqual(dueRetentionRules(days, '2026-04-03'), {
      drafts: false,
      unselected: false,
      participants: false,
    });
    assert.deepEqual(dueRetentionRules(days, '2027-02-28'), {
      drafts: true,
      unselected: true,
      participants: false,
    });
  });

  it('adds months across years and to month ends', () => {
    assert.equal(addMonths('2026-10-31', 4), '2027-02-28');
    assert.equal(addMonths('2027-12-15', 12), '2028-12-15');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
  });

  it('lets a programme file shorten one duration, the others keeping their default', async () => {
    const purged: { programmeId: string; rules: unknown }[] = [];
    const store = {
      purgeExpired: () => Promise.resolve({}),
      purgeProgramme: (programmeId: string, rules: unknown) => {
        purged.push({ programmeId, rules });
        return Promise.resolve({ candidacies: 1 });
      },
    } as unknown as PersonalDataStore;
    const programme = {
      ...createTestProgramme({ id: 'short' }),
      retention: { unselectedMonthsAfterCommittee: 1 },
    };
    await runRetention(
      {
        store,
        pseudonymOf: () => toPseudonym('0'.repeat(16)),
        audit: { append: () => Promise.resolve() },
      },
      {
        programmes: [programme],
        now: new Date('2026-05-24T02:30:00Z'),
        today: '2026-05-24',
        durations: RETENTION_DEFAULTS,
      },
    );
    // Committee on 2026-04-24 + 1 month: due on 2026-05-24 instead of 2026-10-24.
    assert.deepEqual(purged, [
      { programmeId: 'short', rules: { drafts: true, unselected: true, participants: false } },
    ]);
  });
});
