import assert from 'node:assert/strict';
import { buildRetentionSection } from '../../../../src/core/digests/build-retention-section';
import type { AuditEntry } from '../../../../src/core/ports/audit-log';
import { createTestProgramme } from '../../../support/candidacy-programme';

/** Call closes 2026-04-03, committee 2026-04-24, end 2027-03-31. */
const programme = createTestProgramme({ id: 'defi-2026' });
const since = new Date('2026-10-20T00:00:00.000Z');

function run(at: string, details: Record<string, unknown>): AuditEntry {
  return {
    at: new Date(at),
    actor: 'system',
    action: 'personalData.retention',
    programmeId: 'defi-2026',
    subjectId: null,
    details,
  };
}

describe('the digest’s personal data lines', () => {
  it('says nothing when nothing was purged and nothing is due within a month', () => {
    assert.equal(buildRetentionSection(programme, '2026-06-01', [], since), undefined);
  });

  it('announces what goes within 31 days, not later and not today', () => {
    assert.deepEqual(buildRetentionSection(programme, '2026-03-04', [], since)?.due, [
      { rule: 'drafts', day: '2026-04-04' },
    ]);
    assert.equal(buildRetentionSection(programme, '2026-03-03', [], since), undefined);
    assert.deepEqual(buildRetentionSection(programme, '2026-10-01', [], since)?.due, [
      { rule: 'unselected', day: '2026-10-24' },
    ]);
    assert.equal(buildRetentionSection(programme, '2026-10-24', [], since), undefined);
  });

  it('adds up the retention runs of the week only, counts only', () => {
    const section = buildRetentionSection(
      programme,
      '2026-10-26',
      [
        run('2026-10-19T02:30:00.000Z', { candidacies: 9 }),
        run('2026-10-24T02:30:00.000Z', { candidacies: 2, candidacy_scores: 5 }),
        run('2026-10-25T02:30:00.000Z', { candidacies: 1, note: 'text is ignored' }),
        { ...run('2026-10-25T02:30:00.000Z', { candidacies: 50 }), action: 'candidacy.decision' },
      ],
      since,
    );
    assert.deepEqual(section, { purged: { candidacies: 3, candidacy_scores: 5 }, due: [] });
  });

  it('follows the programme file’s own durations', () => {
    const short = { ...programme, retention: { unselectedMonthsAfterCommittee: 1 } };
    assert.deepEqual(buildRetentionSection(short, '2026-05-01', [], since)?.due, [
      { rule: 'unselected', day: '2026-05-24' },
    ]);
  });
});
