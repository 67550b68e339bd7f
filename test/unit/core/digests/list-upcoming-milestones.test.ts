import assert from 'node:assert/strict';
import { listUpcomingMilestones } from '../../../../src/core/digests/list-upcoming-milestones';
import { createDigestProgramme } from '../../../support/digest-fixtures';

const { milestones } = createDigestProgramme();

describe('listUpcomingMilestones', () => {
  it('lists the next milestones in date order with the days until each', () => {
    assert.deepEqual(listUpcomingMilestones(milestones, '2026-03-30', 3), [
      { name: 'candidacyClose', date: '2026-04-03', daysAway: 4 },
      { name: 'selectionCommittee', date: '2026-04-24', daysAway: 25 },
      { name: 'kickOff', date: '2026-05-13', daysAway: 44 },
    ]);
  });

  it('includes a milestone falling today and stops at the end', () => {
    assert.deepEqual(listUpcomingMilestones(milestones, '2027-03-11', 3), [
      { name: 'marchReview', date: '2027-03-11', daysAway: 0 },
      { name: 'end', date: '2027-03-31', daysAway: 20 },
    ]);
    assert.deepEqual(listUpcomingMilestones(milestones, '2027-04-01', 3), []);
  });
});
