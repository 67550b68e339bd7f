import assert from 'node:assert/strict';
import { buildReviewExportTables } from '../../../../src/core/digests/build-review-export-tables';
import {
  aDigestCheckin,
  createDigestProgramme,
  DIGEST_REVIEWS,
  digestTeams,
} from '../../../support/digest-fixtures';

const programme = createDigestProgramme({
  followUp: {
    checkInWorkingDay: 1,
    checkInTime: '09:30',
    reminderWorkingDays: [3, 5],
    escalationWorkingDay: 6,
    skippedMonths: [],
    membersMayAnswer: false,
    indicators: [{ id: 'reached', label: 'Agents touchés', type: 'number', unit: 'agents' }],
    labTeam: [],
  },
});

describe('buildReviewExportTables', () => {
  it('writes one row per team and month, by team number, with the programme’s indicators', () => {
    const tables = buildReviewExportTables(
      programme,
      digestTeams(),
      [
        aDigestCheckin('team-10', '2026-11'),
        aDigestCheckin('team-2', '2026-11', {
          status: 'blocked',
          progress: 10,
          late: true,
          help: { category: 'data', text: 'Accès' },
          indicators: { reached: 40 },
        }),
        aDigestCheckin('team-2', '2026-10'),
      ],
      [],
    );
    assert.deepEqual(
      tables.checkins.columns.map((c) => c.label ?? c.id),
      [
        'team',
        'teamName',
        'month',
        'status',
        'progress',
        'done',
        'nextSteps',
        'helpCategory',
        'helpText',
        'late',
        'answeredBy',
        'answeredAt',
        'Agents touchés (agents)',
      ],
    );
    assert.deepEqual(tables.checkins.rows, [
      [
        2,
        'Équipe 2',
        '2026-10',
        'on-track',
        50,
        'Atelier',
        'Test',
        'none',
        '',
        false,
        'Lead',
        '2026-10-03 10:00',
        null,
      ],
      [
        2,
        'Équipe 2',
        '2026-11',
        'blocked',
        10,
        'Atelier',
        'Test',
        'data',
        'Accès',
        true,
        'Lead',
        '2026-11-03 09:00',
        40,
      ],
      [
        null,
        'team-10',
        '2026-11',
        'on-track',
        50,
        'Atelier',
        'Test',
        'none',
        '',
        false,
        'Lead',
        '2026-11-03 09:00',
        null,
      ],
    ]);
  });

  it('writes review preparations before outcomes, December before March', () => {
    const tables = buildReviewExportTables(
      programme,
      digestTeams(),
      [],
      [...DIGEST_REVIEWS].reverse(),
    );
    assert.deepEqual(
      tables.reviews.rows.map((row) => row.slice(0, 4)),
      [
        [1, 'Équipe 1', 'december', 'preparation'],
        [2, 'Équipe 2', 'december', 'preparation'],
        [3, 'Équipe 3', 'december', 'outcome'],
        [4, 'Équipe 4', 'march', 'preparation'],
      ],
    );
    const outcome = tables.reviews.rows[2] ?? [];
    assert.deepEqual(outcome.slice(4), [
      null,
      null,
      null,
      'Étendre',
      'continue',
      'Lead 3',
      'Lead',
      '2026-11-26 11:00',
    ]);
    const preparation = tables.reviews.rows[0] ?? [];
    assert.deepEqual(preparation.slice(4, 10), ['R', 'I', 'D', 'N', null, null]);
  });
});
