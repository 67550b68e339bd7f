import type { FormationParticipant } from '../core/formation/formation-draft';
import type { CommitteeMember, Facilitator } from '../core/programmes/programme';

const FIRST_NAMES = [
  'Camille',
  'Nadia',
  'Julien',
  'Sophie',
  'Karim',
  'Élodie',
  'Thomas',
  'Aïcha',
  'Nicolas',
  'Claire',
  'Mehdi',
  'Laure',
  'Antoine',
  'Fatou',
  'Pierre',
  'Inès',
  'Romain',
  'Marion',
  'Yannick',
  'Chloé',
  'Hugo',
  'Sarah',
  'Bruno',
  'Léa',
  'Olivier',
  'Manon',
  'Rachid',
  'Pauline',
  'David',
  'Émilie',
  'Franck',
  'Justine',
  'Samir',
  'Agathe',
  'Vincent',
  'Lucie',
  'Jérôme',
  'Amandine',
  'Cédric',
];
const LAST_NAMES = [
  'Martin',
  'Benali',
  'Moreau',
  'Lefèvre',
  'Haddad',
  'Roux',
  'Girard',
  'Diallo',
  'Fontaine',
  'Mercier',
  'Chevalier',
  'Blanc',
  'Garnier',
  'Ndiaye',
  'Faure',
  'Rousseau',
  'Lambert',
  'Bonnet',
  'Le Gall',
  'Perrin',
];
const ROLES = ['management', 'production', 'expertise', 'support', 'it'];

/** A stable, obviously fake Entra object id for demo people (never a real account). */
export function toDemoAadId(
  kind: 'participant' | 'facilitator' | 'committee',
  index: number,
): string {
  const prefix = { participant: 'de000000', facilitator: 'fa000000', committee: 'c0000000' }[kind];
  return `${prefix}-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/**
 * The demo's selected participants: the 2022 shape, 39 people from the programme's organisations
 * (four each, three for the last ones), with roles, regions and theme wishes.
 */
export function createDemoParticipants(
  organisations: readonly { id: string; region: string }[],
  themeIds: readonly string[],
  count = 39,
): FormationParticipant[] {
  return Array.from({ length: count }, (_, index) => {
    const organisation = organisations[index % organisations.length]!;
    const themes =
      themeIds.length === 0 ? [] : [0, 1].map((k) => themeIds[(index + k * 2) % themeIds.length]!);
    return {
      aadId: toDemoAadId('participant', index + 1),
      name: `${FIRST_NAMES[index % FIRST_NAMES.length]!} ${LAST_NAMES[(index * 7) % LAST_NAMES.length]!}`,
      organisationId: organisation.id,
      role: ROLES[index % ROLES.length]!,
      region: organisation.region,
      themes,
    };
  });
}

/** The Lab's extended team for the demo: a dozen facilitators, as at the 2022 kick-off. */
export function createDemoFacilitators(count = 12): Facilitator[] {
  return Array.from({ length: count }, (_, index) => ({
    aadId: toDemoAadId('facilitator', index + 1),
    name: `${FIRST_NAMES[(index * 5 + 3) % FIRST_NAMES.length]!} ${LAST_NAMES[(index * 3 + 11) % LAST_NAMES.length]!}`,
    organisationId: 'lab',
  }));
}

/**
 * The demo's selection committee: three people from the branches' national funds and an
 * Urssaf, as in the 2022 edition's committee; none scores their own organisation.
 */
export function createDemoCommittee(): CommitteeMember[] {
  return [
    { aadId: toDemoAadId('committee', 1), name: 'Hélène Vasseur', organisationId: 'cnaf' },
    { aadId: toDemoAadId('committee', 2), name: 'Marc Delaunay', organisationId: 'cnav' },
    {
      aadId: toDemoAadId('committee', 3),
      name: "Sandrine Kerloc'h",
      organisationId: 'urssaf-lorraine',
    },
  ];
}
