import assert from 'node:assert/strict';
import {
  addMonths,
  dueRetentionRules,
  planProgrammeRetention,
} from '../../../../src/core/personal-data/plan-programme-retention';
import { RETENTION_DEFAULTS } from '../../../../src/core/personal-data/personal-data-register';

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
});
