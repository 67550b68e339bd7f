import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countHardViolations } from '../../../../src/core/team-formation/count-hard-violations';
import { formTeams } from '../../../../src/core/team-formation/form-teams';
import type {
  TeamFormationInput,
  TeamFormationResult,
} from '../../../../src/core/team-formation/team-formation';

const FIXTURES = join(__dirname, '../../../fixtures/team-formation');
const defi2022 = JSON.parse(
  readFileSync(join(FIXTURES, 'defi-2022.json'), 'utf8'),
) as TeamFormationInput;

// Small budgets keep the suite quick; the benchmark runs the real ones.
const QUICK = { steps: 5_000 };

function formed(input: TeamFormationInput, seed = 1): TeamFormationResult {
  const outcome = formTeams(input, { seed, ...QUICK });
  assert.ok(outcome.feasible, outcome.feasible ? '' : outcome.explanation.join('\n'));
  return outcome.result;
}

function explain(input: TeamFormationInput, language: 'fr' | 'en' = 'fr'): string[] {
  const outcome = formTeams(input, { seed: 1, language, ...QUICK });
  assert.equal(outcome.feasible, false);
  return outcome.feasible ? [] : outcome.explanation;
}

function person(id: string, organisation: string, branch = 'maladie') {
  return { id, organisation, branch };
}

describe('formTeams', () => {
  describe('on the 2022 shape (39 people from 10 organisations, 8 teams)', () => {
    let result: TeamFormationResult;
    before(() => {
      result = formed(defi2022);
    });
    const organisationOf = new Map(defi2022.people.map((p) => [p.id, p.organisation]));

    it('places everyone exactly once, in 8 teams of 4 or 5', () => {
      assert.equal(result.teams.length, 8);
      const placed = result.teams.flatMap((team) => team.members).sort();
      assert.deepEqual(placed, defi2022.people.map((p) => p.id).sort());
      for (const team of result.teams)
        assert.ok(team.members.length >= 4 && team.members.length <= 5);
    });

    it('never puts two colleagues of one organisation in a team', () => {
      for (const team of result.teams) {
        const organisations = team.members.map((id) => organisationOf.get(id));
        assert.equal(new Set(organisations).size, organisations.length);
      }
      assert.equal(result.hardViolations, 0);
      assert.equal(
        countHardViolations(
          defi2022,
          result.teams.map((team) => team.members),
        ),
        0,
      );
    });

    it('gives each team two different facilitators and spreads them evenly', () => {
      const load = new Map<string, number>();
      for (const team of result.teams) {
        assert.equal(team.facilitators.length, 2);
        assert.notEqual(team.facilitators[0], team.facilitators[1]);
        for (const id of team.facilitators) load.set(id, (load.get(id) ?? 0) + 1);
      }
      // 16 seats for 10 facilitators: nobody follows more than 2 teams.
      assert.ok(Math.max(...load.values()) <= 2);
    });

    it('reports the worst and mean team scores, each between 0 and 100', () => {
      const scores = result.teams.map((team) => team.score);
      assert.equal(result.worstScore, Math.min(...scores));
      assert.ok(Math.abs(result.meanScore - scores.reduce((a, b) => a + b) / scores.length) < 0.1);
      for (const score of scores) assert.ok(score >= 0 && score <= 100);
    });

    it('explains each score in French, branch coverage first', () => {
      for (const team of result.teams) {
        assert.match(team.explanation[0]!, /^\d branches? sur \d représentées? \(/);
        assert.ok(team.explanation.some((line) => line.startsWith('Thème « ')));
        assert.ok(team.explanation.some((line) => line.startsWith('Animateurs : ')));
      }
    });

    it('names the theme the team works on', () => {
      for (const team of result.teams) assert.ok(typeof team.theme === 'string');
    });

    it('mixes branches well: every team covers at least 3 branches', () => {
      const branchOf = new Map(defi2022.people.map((p) => [p.id, p.branch]));
      for (const team of result.teams) {
        assert.ok(new Set(team.members.map((id) => branchOf.get(id))).size >= 3);
      }
    });
  });

  it('gives byte-identical output for the same input and seed', () => {
    const first = JSON.stringify(formTeams(defi2022, { seed: 42, ...QUICK }));
    const second = JSON.stringify(formTeams(defi2022, { seed: 42, ...QUICK }));
    assert.equal(first, second);
  });

  it('gives another valid formation with another seed', () => {
    const a = formed(defi2022, 1);
    const b = formed(defi2022, 2);
    assert.equal(b.hardViolations, 0);
    assert.notDeepEqual(
      a.teams.map((team) => team.members),
      b.teams.map((team) => team.members),
    );
  });

  it('keeps locked people in their team and "apart" pairs in different teams', () => {
    const [first, second, third] = defi2022.people;
    const input: TeamFormationInput = {
      ...defi2022,
      locked: [
        { person: first!.id, team: 3 },
        { person: second!.id, team: 3 },
      ],
      apart: [[first!.id, third!.id]],
    };
    const result = formed(input);
    assert.ok(result.teams[3]!.members.includes(first!.id));
    assert.ok(result.teams[3]!.members.includes(second!.id));
    assert.ok(!result.teams[3]!.members.includes(third!.id));
  });

  // Found by the property-based suite: the deals paint themselves into a corner (p0 fits only the
  // team where p4 and p6 go), and a formation exists.
  it('finds the one formation of a tight instance that the greedy deals miss', () => {
    const input: TeamFormationInput = {
      people: [7, 6, 5, 4, 3, 2, 1, 0].map((n) =>
        person(`p${n}`, `org-${[0, 1, 2, 3, 1, 2, 3, 4][n]}`),
      ),
      teamCount: 2,
      minSize: 4,
      maxSize: 4,
      locked: [
        { person: 'p2', team: 0 },
        { person: 'p5', team: 1 },
        { person: 'p7', team: 1 },
      ],
      apart: [
        ['p0', 'p4'],
        ['p0', 'p6'],
      ],
    };
    for (const seed of [0, 1, 2]) {
      const result = formed(input, seed);
      assert.equal(
        countHardViolations(
          input,
          result.teams.map((team) => team.members),
        ),
        0,
      );
      assert.deepEqual(
        result.teams.map((team) => [...team.members].sort()),
        [
          ['p0', 'p1', 'p2', 'p3'],
          ['p4', 'p5', 'p6', 'p7'],
        ],
      );
    }
  });

  // Found by the property-based suite: a chain of moves held two colleagues in one team for a
  // moment, and the search then forgot the one who stayed and put a third colleague with them.
  it('never puts two colleagues together after a chain of moves that passed through such a team', () => {
    const input: TeamFormationInput = {
      people: [
        person('p5', 'org-2'),
        person('p4', 'org-1'),
        person('p2', 'org-2'),
        person('p1', 'org-1'),
        person('p3', 'org-3'),
        person('p0', 'org-0'),
      ],
      teamCount: 3,
      minSize: 2,
      maxSize: 3,
      locked: [
        { person: 'p0', team: 0 },
        { person: 'p1', team: 0 },
      ],
      apart: [
        ['p2', 'p0'],
        ['p0', 'p3'],
        ['p3', 'p0'],
        ['p3', 'p5'],
      ],
    };
    const outcome = formTeams(input, { seed: 1841279244, steps: 1_500 });
    assert.ok(outcome.feasible);
    assert.equal(
      countHardViolations(
        input,
        outcome.result.teams.map((team) => team.members),
      ),
      0,
    );
  });

  it('writes the explanation in English when asked', () => {
    const outcome = formTeams(defi2022, { seed: 1, language: 'en', ...QUICK });
    assert.ok(outcome.feasible);
    assert.match(outcome.result.teams[0]!.explanation[0]!, /^\d of \d branches represented/);
  });

  it('avoids a facilitator from an organisation present in the team', () => {
    const result = formed({
      people: [person('a', 'caf-loire'), person('b', 'cpam-sarthe')],
      teamCount: 1,
      minSize: 2,
      maxSize: 2,
      facilitators: [
        { id: 'f-caf', organisation: 'caf-loire' },
        { id: 'f-lab-1', organisation: 'cnaf' },
        { id: 'f-lab-2', organisation: 'cnav' },
      ],
    });
    assert.deepEqual(result.teams[0]!.facilitators, ['f-lab-1', 'f-lab-2']);
  });

  it('says so when a facilitator from a member organisation cannot be avoided', () => {
    const result = formed({
      people: [person('a', 'caf-loire'), person('b', 'cpam-sarthe')],
      teamCount: 1,
      minSize: 2,
      maxSize: 2,
      facilitators: [
        { id: 'f-caf', organisation: 'caf-loire' },
        { id: 'f-lab', organisation: 'cnaf' },
      ],
      organisations: [{ id: 'caf-loire', name: 'Caf de la Loire' }],
    });
    assert.deepEqual(result.teams[0]!.facilitators, ['f-caf', 'f-lab']);
    assert.ok(
      result.teams[0]!.explanation.some((line) => line.includes('f-caf vient de Caf de la Loire')),
    );
  });

  describe('when the hard rules cannot be met', () => {
    it('names the organisation that has more participants than there are teams', () => {
      const people = Array.from({ length: 9 }, (_, i) => person(`s${i}`, 'cpam-sarthe'));
      people.push(...Array.from({ length: 23 }, (_, i) => person(`o${i}`, `other-${i}`)));
      const input: TeamFormationInput = {
        people,
        teamCount: 8,
        minSize: 4,
        maxSize: 4,
        organisations: [{ id: 'cpam-sarthe', name: 'Cpam de la Sarthe' }],
      };
      assert.match(
        explain(input, 'en')[0]!,
        /^Cpam de la Sarthe has 9 selected participants but there are only 8 teams/,
      );
      assert.match(
        explain(input)[0]!,
        /^Cpam de la Sarthe a 9 participants sélectionnés mais il n'y a que 8 équipes/,
      );
    });

    it('says how many people the teams need when there are too few', () => {
      const people = Array.from({ length: 10 }, (_, i) => person(`p${i}`, `o${i}`));
      const [reason] = explain({ people, teamCount: 3, minSize: 4, maxSize: 6 });
      assert.match(
        reason!,
        /10 participants pour 3 équipes d'au moins 4 : il en faudrait au moins 12/,
      );
      assert.match(reason!, /au plus 2 équipes/);
    });

    it('says how many seats are missing when there are too many', () => {
      const people = Array.from({ length: 20 }, (_, i) => person(`p${i}`, `o${i}`));
      const [reason] = explain({ people, teamCount: 3, minSize: 4, maxSize: 6 }, 'en');
      assert.match(reason!, /20 participants, but 3 teams of at most 6 hold only 18/);
      assert.match(reason!, /at least 4 teams/);
    });

    it('refuses two colleagues locked in the same team', () => {
      const people = [
        person('a', 'caf'),
        person('b', 'caf'),
        person('c', 'cpam'),
        person('d', 'x'),
      ];
      const [reason] = explain({
        people,
        teamCount: 2,
        minSize: 2,
        maxSize: 2,
        locked: [
          { person: 'a', team: 0 },
          { person: 'b', team: 0 },
        ],
      });
      assert.match(reason!, /a et b, tous deux de caf, sont verrouillés dans l'équipe 1/);
    });

    it('refuses an "apart" pair locked together', () => {
      const people = [person('a', 'caf'), person('b', 'cpam'), person('c', 'x'), person('d', 'y')];
      const [reason] = explain(
        {
          people,
          teamCount: 2,
          minSize: 2,
          maxSize: 2,
          locked: [
            { person: 'a', team: 1 },
            { person: 'b', team: 1 },
          ],
          apart: [['a', 'b']],
        },
        'en',
      );
      assert.match(reason!, /a and b must be kept apart but are both locked in team 2/);
    });

    it('refuses more locked people than a team holds', () => {
      const people = Array.from({ length: 6 }, (_, i) => person(`p${i}`, `o${i}`));
      const reasons = explain({
        people,
        teamCount: 2,
        minSize: 2,
        maxSize: 3,
        locked: people.slice(0, 4).map((p) => ({ person: p.id, team: 0 })),
      });
      assert.ok(
        reasons.some((reason) => /4 personnes sont verrouillées dans l'équipe 1/.test(reason)),
      );
    });

    it('refuses a single facilitator, since each team needs two', () => {
      const people = Array.from({ length: 4 }, (_, i) => person(`p${i}`, `o${i}`));
      const [reason] = explain({
        people,
        teamCount: 2,
        minSize: 2,
        maxSize: 2,
        facilitators: [{ id: 'f', organisation: 'cnaf' }],
      });
      assert.match(reason!, /il en faut au moins 2/);
    });

    it('says who cannot be placed when "apart" pairs leave no room', () => {
      // a must avoid b and c, who are locked in the only two teams.
      const people = [person('a', 'o1'), person('b', 'o2'), person('c', 'o3'), person('d', 'o4')];
      const [reason] = explain(
        {
          people,
          teamCount: 2,
          minSize: 1,
          maxSize: 3,
          locked: [
            { person: 'b', team: 0 },
            { person: 'c', team: 1 },
          ],
          apart: [
            ['a', 'b'],
            ['a', 'c'],
          ],
        },
        'en',
      );
      assert.match(reason!, /^No team can take a \(o1\)/);
    });

    it('lists every reason, not only the first', () => {
      const people = Array.from({ length: 5 }, (_, i) => person(`p${i}`, 'same'));
      const reasons = explain({ people, teamCount: 2, minSize: 3, maxSize: 3 });
      assert.equal(reasons.length, 2);
    });
  });
});
