import assert from 'node:assert/strict';
import {
  getNextMilestone,
  getProgrammePhase,
} from '../../../../src/core/programmes/get-programme-phase';
import type { Milestones } from '../../../../src/core/programmes/programme';

const milestones: Milestones = {
  candidacyOpen: '2026-03-02',
  candidacyClose: '2026-04-03',
  selectionCommittee: '2026-04-28',
  kickOff: '2026-05-28',
  hackathonStart: '2026-06-25',
  hackathonEnd: '2026-06-26',
  followUpStart: '2026-09-01',
  decemberReview: '2026-12-10',
  marchReview: '2027-03-11',
  end: '2027-03-31',
};

describe('getProgrammePhase', () => {
  const cases: [string, string][] = [
    ['2026-03-01', 'upcoming'],
    ['2026-03-02', 'call-open'],
    ['2026-04-03', 'call-open'],
    ['2026-04-04', 'selection'],
    ['2026-05-28', 'kick-off'],
    ['2026-06-25', 'hackathon'],
    ['2026-06-26', 'hackathon'],
    ['2026-06-27', 'follow-up'],
    ['2027-03-31', 'follow-up'],
    ['2027-04-01', 'ended'],
  ];
  for (const [day, phase] of cases) {
    it(`is ${phase} on ${day}`, () => {
      assert.equal(getProgrammePhase(milestones, day), phase);
    });
  }
});

describe('getNextMilestone', () => {
  it('gives the December review in November', () => {
    assert.deepEqual(getNextMilestone(milestones, '2026-11-20'), {
      name: 'decemberReview',
      date: '2026-12-10',
    });
  });

  it('counts a milestone that falls today as next', () => {
    assert.equal(getNextMilestone(milestones, '2026-12-10')?.name, 'decemberReview');
  });

  it('gives nothing after the end', () => {
    assert.equal(getNextMilestone(milestones, '2027-04-01'), undefined);
  });
});
