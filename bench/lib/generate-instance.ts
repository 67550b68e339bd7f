import organisationsFile from '../../test/fixtures/team-formation/organisations.json';
import { createRandom, type Random } from '../../src/core/team-formation/create-random';
import type {
  TeamFormationInput,
  TeamFormationPerson,
} from '../../src/core/team-formation/team-formation';

/** The shape of a generated instance; the same spec always gives the same input. */
export interface InstanceSpec {
  name: string;
  people: number;
  teams: number;
  minSize: number;
  maxSize: number;
  /** Organisations the participants come from; the first 16 are the real ones of the seed articles. */
  organisations: number;
  seed: number;
  /** "Apart" pairs drawn among people of different organisations. */
  apartPairs: number;
}

// Shares of each branch among the ~300 bodies of the network (about 100 Caf, 100 Cpam, 22 Urssaf,
// 16 Carsat, a few IT centres and partners), so large generated programmes mix like real ones.
const BRANCH_SHARES: [string, number][] = [
  ['famille', 0.36],
  ['maladie', 0.36],
  ['recouvrement', 0.1],
  ['retraite', 0.1],
  ['informatique', 0.04],
  ['partenaire', 0.04],
];
const REGIONS = [
  'Auvergne-Rhône-Alpes',
  'Bourgogne-Franche-Comté',
  'Bretagne',
  'Centre-Val de Loire',
  'Corse',
  'Grand Est',
  'Guadeloupe',
  'Guyane',
  'Hauts-de-France',
  'Île-de-France',
  'La Réunion',
  'Martinique',
  'Normandie',
  'Nouvelle-Aquitaine',
  'Occitanie',
  'Pays de la Loire',
  "Provence-Alpes-Côte d'Azur",
  'Bruxelles',
];
// Candidacy forms offer a handful of themes; some draw more wishes than others.
const THEMES: [string, number][] = [
  ['accueil', 5],
  ['inclusion-numerique', 4],
  ['simplification', 4],
  ['donnees', 3],
  ['prevention', 3],
  ['sante-au-travail', 2],
  ['rh', 2],
  ['logement', 1],
];
const ROLES: [string, number][] = [
  ['agent', 0.6],
  ['manager', 0.25],
  ['expert', 0.15],
];
// The Lab's extended team: a few dozen people from national bodies and a few local ones.
const FACILITATOR_ORGANISATIONS = [
  'cnaf',
  'cnav',
  'cnam',
  'urssaf-caisse-nationale',
  'cpam-sarthe',
  'caf-loire',
];
const MAX_FACILITATORS = 40;

/** A seeded, realistic programme: organisations sized like a long-tailed network, each ≤ teams. */
export function generateInstance(spec: InstanceSpec): TeamFormationInput {
  const random = createRandom(spec.seed * 7919 + spec.people);
  const real = organisationsFile.organisations;
  const organisations = Array.from({ length: spec.organisations }, (_, k) => {
    const known = real[k];
    if (known)
      return { id: known.id, name: known.name, branch: known.branch, region: known.region };
    const branch = pick(BRANCH_SHARES, random);
    return {
      id: `${branch}-${k}`,
      name: `Organisme ${k} (${branch})`,
      branch,
      region: REGIONS[random.below(REGIONS.length)]!,
    };
  });
  // Long tail: organisation k draws people in proportion to 1 / (k + 1), never more than teams.
  const weights = organisations.map((_, k) => 1 / (k + 1));
  const counts = new Array<number>(organisations.length).fill(0);
  const people: TeamFormationPerson[] = [];
  // Every organisation listed sends somebody, as in the 2022 edition.
  for (let k = 0; k < organisations.length && people.length < spec.people; k++) addPerson(k);
  while (people.length < spec.people) {
    const k = pickIndex(weights, random);
    if (counts[k]! < spec.teams) addPerson(k);
  }

  function addPerson(k: number): void {
    const organisation = organisations[k]!;
    counts[k]!++;
    const themes: string[] = [];
    while (themes.length < 3) {
      const theme = pick(THEMES, random);
      if (!themes.includes(theme)) themes.push(theme);
    }
    people.push({
      id: `p${people.length + 1}`,
      organisation: organisation.id,
      branch: organisation.branch,
      role: pick(ROLES, random),
      region: organisation.region,
      themes,
    });
  }

  const apart: [string, string][] = [];
  while (apart.length < spec.apartPairs) {
    const a = people[random.below(people.length)]!;
    const b = people[random.below(people.length)]!;
    if (a.organisation !== b.organisation) apart.push([a.id, b.id]);
  }
  const facilitatorCount = Math.min(MAX_FACILITATORS, Math.max(4, Math.ceil(1.5 * spec.teams)));
  return {
    people,
    teamCount: spec.teams,
    minSize: spec.minSize,
    maxSize: spec.maxSize,
    apart,
    facilitators: Array.from({ length: facilitatorCount }, (_, k) => ({
      id: `lab-${k + 1}`,
      organisation: FACILITATOR_ORGANISATIONS[k % FACILITATOR_ORGANISATIONS.length]!,
    })),
    organisations: organisations.map(({ id, name }) => ({ id, name })),
  };
}

function pick<T>(choices: [T, number][], random: Random): T {
  return choices[
    pickIndex(
      choices.map(([, weight]) => weight),
      random,
    )
  ]![0];
}

function pickIndex(weights: number[], random: Random): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let roll = random.next() * total;
  for (let k = 0; k < weights.length; k++) {
    roll -= weights[k]!;
    if (roll < 0) return k;
  }
  return weights.length - 1;
}
