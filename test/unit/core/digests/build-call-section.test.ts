import assert from 'node:assert/strict';
import { buildCallSection } from '../../../../src/core/digests/build-call-section';
import type { CallFigures } from '../../../../src/core/digests/digest-figures';
import { createDigestProgramme } from '../../../support/digest-fixtures';

const programme = createDigestProgramme();

const figures: CallFigures = {
  candidacies: 12,
  people: 12,
  newSince: 5,
  withdrawn: 2,
  byOrganisation: [
    { organisationId: 'caf-guyane', candidacies: 3 },
    { organisationId: 'cpam-sarthe', candidacies: 5 },
    { organisationId: 'caf-paris', candidacies: 4 },
  ],
  drafts: 4,
};

describe('buildCallSection', () => {
  it('reports the candidacies so far, this week’s, the withdrawn and the unsent drafts', () => {
    const section = buildCallSection(programme, figures, '2026-03-30');
    assert.equal(section.candidacies, 12);
    assert.equal(section.people, 12);
    assert.equal(section.newThisWeek, 5);
    assert.equal(section.withdrawn, 2);
    assert.equal(section.drafts, 4);
  });

  it('ranks organisations by candidacies and counts those without any', () => {
    const section = buildCallSection(programme, figures, '2026-03-30');
    assert.deepEqual(
      section.byOrganisation.map((o) => [o.name, o.count]),
      [
        ['Cpam de la Sarthe', 5],
        ['Caf de Paris', 4],
        ['Caf de Guyane', 3],
      ],
    );
    assert.equal(section.organisationsWithout, 2);
  });

  it('adds up the organisations of each branch, branches without candidacies included', () => {
    const section = buildCallSection(programme, figures, '2026-03-30');
    assert.deepEqual(section.byBranch, [
      { branch: 'famille', count: 7 },
      { branch: 'maladie', count: 5 },
      { branch: 'retraite', count: 0 },
      { branch: 'recouvrement', count: 0 },
    ]);
  });

  it('counts the days left until the closing day, zero on the day itself', () => {
    assert.equal(buildCallSection(programme, figures, '2026-03-30').daysLeft, 4);
    assert.equal(buildCallSection(programme, figures, '2026-03-02').daysLeft, 32);
    assert.equal(buildCallSection(programme, figures, '2026-04-03').daysLeft, 0);
    assert.equal(buildCallSection(programme, figures, '2026-04-03').closesOn, '2026-04-03');
  });

  it('names an organisation the programme no longer lists by its id, after the known ones', () => {
    const section = buildCallSection(
      programme,
      {
        ...figures,
        byOrganisation: [
          { organisationId: 'gone', candidacies: 3 },
          { organisationId: 'cnav', candidacies: 3 },
        ],
      },
      '2026-03-30',
    );
    assert.deepEqual(
      section.byOrganisation.map((o) => o.name),
      ['Cnav', 'gone'],
    );
  });
});
