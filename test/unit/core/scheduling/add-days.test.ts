import assert from 'node:assert/strict';
import { addDays } from '../../../../src/core/scheduling/add-days';

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    assert.equal(addDays('2026-01-31', 1), '2026-02-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  it('treats DST Sundays as ordinary calendar days', () => {
    assert.equal(addDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  });
});
