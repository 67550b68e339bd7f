import assert from 'node:assert/strict';
import { buildSelectionSection } from '../../../../src/core/digests/build-selection-section';
import type { SelectionFigures } from '../../../../src/core/digests/digest-figures';
import { createDigestProgramme, statusCounts } from '../../../support/digest-fixtures';

const programme = createDigestProgramme();

const figures: SelectionFigures = {
  byStatus: statusCounts({
    submitted: 4,
    waitlisted: 2,
    accepted: 3,
    confirmed: 4,
    declined: 5,
    withdrawn: 1,
    lapsed: 1,
  }),
  scored: 12,
  seatsByOrganisation: [
    { organisationId: 'caf-paris', people: 2 },
    { organisationId: 'cpam-sarthe', people: 3 },
    { organisationId: 'caf-guyane', people: 2 },
  ],
  confirmationsOverdue: 1,
  nextConfirmBy: '2026-05-02',
};

describe('buildSelectionSection', () => {
  it('splits the candidacies not withdrawn into scored and not scored', () => {
    const section = buildSelectionSection(programme, figures);
    assert.equal(section.candidacies, 19);
    assert.equal(section.scored, 12);
    assert.equal(section.notScored, 7);
  });

  it('counts each decision', () => {
    assert.deepEqual(buildSelectionSection(programme, figures).decisions, {
      awaiting: 4,
      accepted: 3,
      confirmed: 4,
      waitlisted: 2,
      declined: 5,
      lapsed: 1,
    });
  });

  it('counts seats taken by accepted and confirmed people, and the seats left', () => {
    const section = buildSelectionSection(programme, figures);
    assert.equal(section.seats, 10);
    assert.equal(section.seatsTaken, 7);
    assert.equal(section.seatsLeft, 3);
  });

  it('names the organisations at their maximum and counts those with room', () => {
    const section = buildSelectionSection(programme, figures);
    assert.deepEqual(
      section.organisationsFull.map((o) => [o.name, o.count]),
      [['Cpam de la Sarthe', 3]],
    );
    assert.equal(section.organisationsWithRoom, 4);
    assert.deepEqual(
      section.seatsByOrganisation.map((o) => o.organisationId),
      ['cpam-sarthe', 'caf-guyane', 'caf-paris'],
    );
  });

  it('reports the waitlist and the confirmations still pending', () => {
    const section = buildSelectionSection(programme, figures);
    assert.deepEqual(section.waitlist, { candidacies: 2, people: 2 });
    assert.deepEqual(section.confirmations, {
      pending: 3,
      overdue: 1,
      nextDeadline: '2026-05-02',
    });
  });

  it('counts seats in people for teams, and never below zero seats left', () => {
    const section = buildSelectionSection(
      createDigestProgramme({ intakeMode: 'team', seats: 15 }),
      {
        ...figures,
        byStatus: statusCounts({ accepted: [2, 12], confirmed: [1, 6], waitlisted: [1, 7] }),
        scored: 4,
        seatsByOrganisation: [{ organisationId: 'cnav', people: 18 }],
      },
    );
    assert.equal(section.seatsTaken, 18);
    assert.equal(section.seatsLeft, 0);
    assert.equal(section.candidacies, 4);
    assert.deepEqual(section.waitlist, { candidacies: 1, people: 7 });
  });
});
