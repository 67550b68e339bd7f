import assert from 'node:assert/strict';
import { buildFollowUpSection } from '../../../../src/core/digests/build-follow-up-section';
import { emptyFollowUpFigures } from '../../../support/digest-fixtures';

const team = (number: number) => ({ teamId: `team-${number}`, number, name: `Équipe ${number}` });

const figures = emptyFollowUpFigures({
  teams: 10,
  answered: 7,
  late: 2,
  byStatus: { 'on-track': 4, 'at-risk': 2, blocked: 1 },
  averageProgress: 43.57,
  needingHelp: {
    total: 3,
    items: [
      { ...team(4), status: 'blocked', progress: 10, helpCategory: 'data', helpText: 'Accès' },
      { ...team(2), status: 'at-risk', progress: 30, helpCategory: 'none', helpText: '' },
      { ...team(9), status: 'at-risk', progress: 55, helpCategory: 'method', helpText: 'Atelier' },
    ],
  },
  unanswered: { total: 3, items: [team(1), team(5), team(8)] },
  silent: { total: 1, items: [team(8)] },
  unreachable: { recipients: 2, blocked: 1, gone: 1, teams: { total: 1, items: [team(5)] } },
  remindersSent: 6,
  reviewPrepared: 3,
});

const context = {
  month: '2026-11',
  previousMonth: '2026-10',
  today: '2026-11-20',
  nextReview: { review: 'december' as const, day: '2026-12-10' },
};

describe('buildFollowUpSection', () => {
  it('computes the month’s response rate and counts the teams without an answer', () => {
    const section = buildFollowUpSection(figures, context);
    assert.equal(section.month, '2026-11');
    assert.equal(section.responseRate, 70);
    assert.equal(section.late, 2);
    assert.deepEqual(section.byStatus, { 'on-track': 4, 'at-risk': 2, blocked: 1, none: 3 });
    assert.equal(section.averageProgress, 44);
  });

  it('passes on the teams needing help, with their requests, and the silent teams', () => {
    const section = buildFollowUpSection(figures, context);
    assert.deepEqual(
      section.needingHelp.items.map((t) => [t.number, t.status, t.helpText]),
      [
        [4, 'blocked', 'Accès'],
        [2, 'at-risk', ''],
        [9, 'at-risk', 'Atelier'],
      ],
    );
    assert.deepEqual(section.silent, { total: 1, items: [team(8)], previousMonth: '2026-10' });
  });

  it('reports the people unreachable and the reminders sent', () => {
    const section = buildFollowUpSection(figures, context);
    assert.equal(section.unreachable.recipients, 2);
    assert.equal(section.unreachable.blocked, 1);
    assert.equal(section.unreachable.gone, 1);
    assert.equal(section.remindersSent, 6);
  });

  it('says when the next review is and how many teams prepared it', () => {
    assert.deepEqual(buildFollowUpSection(figures, context).nextReview, {
      review: 'december',
      day: '2026-12-10',
      daysAway: 20,
      prepared: 3,
      teams: 10,
    });
  });

  it('has no silent list on the first check-in, and no rate without teams', () => {
    const section = buildFollowUpSection(emptyFollowUpFigures(), {
      ...context,
      previousMonth: null,
      nextReview: null,
    });
    assert.equal(section.silent, null);
    assert.equal(section.responseRate, null);
    assert.equal(section.nextReview, null);
    assert.equal(section.averageProgress, null);
  });
});
