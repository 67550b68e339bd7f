import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countHardViolations } from '../../../../src/core/team-formation/count-hard-violations';
import { formTeams } from '../../../../src/core/team-formation/form-teams';
import type {
  TeamFormationInput,
  TeamFormationPerson,
} from '../../../../src/core/team-formation/team-formation';

// The properties hold for any budget; a small one keeps hundreds of runs quick.
const STEPS = 1_500;
const BRANCHES = ['famille', 'maladie', 'retraite', 'recouvrement', 'informatique'];
const THEMES = ['accueil', 'donnees', 'inclusion', 'prevention', 'rh', 'sante'];

/**
 * A feasible input by construction: a hidden formation is drawn first (each team of a size in
 * [min, max], organisations distinct inside a team), then locks are taken from it and "apart"
 * pairs only join people it put in different teams. People are shuffled so order tells nothing.
 */
const feasibleInput = fc
  .record({
    teamCount: fc.integer({ min: 1, max: 7 }),
    minSize: fc.integer({ min: 1, max: 4 }),
    extra: fc.integer({ min: 0, max: 3 }),
    organisations: fc.integer({ min: 0, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    lockShare: fc.constantFrom(0, 0.1, 0.3),
    apartPairs: fc.integer({ min: 0, max: 8 }),
    facilitators: fc.constantFrom(0, 2, 3, 9),
    withThemes: fc.boolean(),
    withRoles: fc.boolean(),
  })
  .chain((shape) => {
    const maxSize = shape.minSize + shape.extra;
    const organisationCount = maxSize + shape.organisations;
    return fc
      .record({
        sizes: fc.array(fc.integer({ min: shape.minSize, max: maxSize }), {
          minLength: shape.teamCount,
          maxLength: shape.teamCount,
        }),
        rolls: fc.array(fc.nat(), { minLength: 400, maxLength: 400 }),
      })
      .map(({ sizes, rolls }) => {
        let cursor = 0;
        const roll = (n: number): number => rolls[cursor++ % rolls.length]! % n;
        const people: TeamFormationPerson[] = [];
        const hidden: number[] = [];
        sizes.forEach((size, team) => {
          // Distinct organisations inside the team: a rotation of the organisation list.
          const offset = roll(organisationCount);
          for (let k = 0; k < size; k++) {
            const id = `p${people.length}`;
            const person: TeamFormationPerson = {
              id,
              organisation: `org-${(offset + k) % organisationCount}`,
              branch: BRANCHES[roll(BRANCHES.length)]!,
            };
            if (shape.withRoles && roll(4) > 0)
              person.role = ['agent', 'manager', 'expert'][roll(3)]!;
            if (shape.withThemes)
              person.themes = [THEMES[roll(6)]!, THEMES[roll(6)]!].filter(
                (t, i, all) => all.indexOf(t) === i,
              );
            people.push(person);
            hidden.push(team);
          }
        });
        const locked = people
          .map((person, index) => ({ person: person.id, team: hidden[index]! }))
          .filter(() => roll(100) < shape.lockShare * 100);
        const apart: [string, string][] = [];
        for (let k = 0; k < shape.apartPairs && people.length > 1; k++) {
          const a = roll(people.length);
          const b = roll(people.length);
          if (hidden[a] !== hidden[b]) apart.push([people[a]!.id, people[b]!.id]);
        }
        const order = people.map((_, index) => index).sort((a, b) => roll(3) - 1 || a - b);
        const input: TeamFormationInput = {
          people: order.map((index) => people[index]!),
          teamCount: shape.teamCount,
          minSize: shape.minSize,
          maxSize,
          locked,
          apart,
          facilitators: Array.from({ length: shape.facilitators }, (_, k) => ({
            id: `f${k}`,
            organisation: `org-${roll(organisationCount + 3)}`,
          })),
        };
        return { input, seed: shape.seed };
      });
  });

/** Any small input at all, feasible or not: counts, locks and pairs drawn independently. */
const anyInput = fc
  .record({
    people: fc.integer({ min: 1, max: 30 }),
    organisations: fc.integer({ min: 1, max: 10 }),
    teamCount: fc.integer({ min: 1, max: 8 }),
    minSize: fc.integer({ min: 1, max: 5 }),
    extra: fc.integer({ min: 0, max: 3 }),
    rolls: fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
    locks: fc.integer({ min: 0, max: 6 }),
    pairs: fc.integer({ min: 0, max: 8 }),
  })
  .map((shape): TeamFormationInput => {
    let cursor = 0;
    const roll = (n: number): number => shape.rolls[cursor++ % shape.rolls.length]! % n;
    const people = Array.from({ length: shape.people }, (_, i) => ({
      id: `p${i}`,
      organisation: `org-${roll(shape.organisations)}`,
      branch: BRANCHES[roll(BRANCHES.length)]!,
    }));
    const pick = (): string => people[roll(people.length)]!.id;
    return {
      people,
      teamCount: shape.teamCount,
      minSize: shape.minSize,
      maxSize: shape.minSize + shape.extra,
      locked: Array.from({ length: shape.locks }, () => ({
        person: pick(),
        team: roll(shape.teamCount),
      })),
      apart: Array.from({ length: shape.pairs }, (): [string, string] => [pick(), pick()]).filter(
        ([a, b]) => a !== b,
      ),
    };
  });

describe('formTeams, for any input (property-based)', () => {
  it('never breaks a hard rule on a feasible input, and keeps locks and "apart" pairs', () => {
    fc.assert(
      fc.property(feasibleInput, ({ input, seed }) => {
        const outcome = formTeams(input, { seed, steps: STEPS });
        if (!outcome.feasible) {
          assert.fail(`feasible input refused: ${outcome.explanation.join(' / ')}`);
        }
        const teams = outcome.result.teams.map((team) => team.members);
        assert.equal(outcome.result.hardViolations, 0);
        assert.equal(countHardViolations(input, teams), 0);
        for (const members of teams) {
          assert.ok(members.length >= input.minSize && members.length <= input.maxSize);
        }
        for (const { person, team } of input.locked ?? []) assert.ok(teams[team]!.includes(person));
        for (const [a, b] of input.apart ?? []) {
          assert.ok(!teams.some((members) => members.includes(a) && members.includes(b)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each team exactly two different facilitators whenever two or more are listed', () => {
    fc.assert(
      fc.property(feasibleInput, ({ input, seed }) => {
        const outcome = formTeams(input, { seed, steps: STEPS });
        assert.ok(outcome.feasible);
        const listed = input.facilitators?.length ?? 0;
        for (const team of outcome.result.teams) {
          assert.equal(team.facilitators.length, listed >= 2 ? 2 : 0);
          assert.equal(new Set(team.facilitators).size, team.facilitators.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: the same input and seed give byte-identical output', () => {
    fc.assert(
      fc.property(feasibleInput, ({ input, seed }) => {
        const first = JSON.stringify(formTeams(input, { seed, steps: STEPS }));
        const second = JSON.stringify(formTeams(structuredClone(input), { seed, steps: STEPS }));
        assert.equal(first, second);
      }),
      { numRuns: 100 },
    );
  });

  it('answers any input with a valid formation or an explanation, never a bad answer', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), (input, seed) => {
        const outcome = formTeams(input, { seed, steps: STEPS });
        if (outcome.feasible) {
          assert.equal(
            countHardViolations(
              input,
              outcome.result.teams.map((t) => t.members),
            ),
            0,
          );
        } else {
          assert.ok(outcome.explanation.length > 0);
          for (const sentence of outcome.explanation) assert.ok(sentence.length > 20);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is exact without locks and pairs: it forms teams whenever the counts allow it', () => {
    fc.assert(
      fc.property(anyInput, fc.nat(), (drawn, seed) => {
        const input = { ...drawn, locked: [], apart: [] };
        const largest = Math.max(
          ...[...new Set(input.people.map((p) => p.organisation))].map(
            (o) => input.people.filter((p) => p.organisation === o).length,
          ),
        );
        const n = input.people.length;
        const countsAllow =
          largest <= input.teamCount &&
          n >= input.teamCount * input.minSize &&
          n <= input.teamCount * input.maxSize;
        assert.equal(formTeams(input, { seed, steps: STEPS }).feasible, countsAllow);
      }),
      { numRuns: 500 },
    );
  });

  it('explains an organisation larger than the team count by naming it with its count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (teams, over) => {
        const big = teams + over;
        const people = Array.from({ length: big }, (_, i) => ({
          id: `c${i}`,
          organisation: 'cpam-sarthe',
          branch: 'maladie',
        }));
        const outcome = formTeams(
          {
            people,
            teamCount: teams,
            minSize: 1,
            maxSize: big,
            organisations: [{ id: 'cpam-sarthe', name: 'Cpam de la Sarthe' }],
          },
          { seed: 1, language: 'en', steps: STEPS },
        );
        assert.ok(!outcome.feasible);
        const only = teams === 1 ? 'there is only 1 team' : `there are only ${teams} teams`;
        assert.ok(
          outcome.explanation.includes(
            `Cpam de la Sarthe has ${big} selected participants but ${only}, so two colleagues would share a team. ` +
              `Form at least ${big} teams, or select at most ${teams} ${teams === 1 ? 'person' : 'people'} from Cpam de la Sarthe.`,
          ),
        );
      }),
    );
  });
});
