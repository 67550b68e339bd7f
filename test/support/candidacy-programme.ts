import type { Applicant } from '../../src/core/candidacies/candidacy';
import type { Person, Role } from '../../src/core/people/role';
import type { Programme } from '../../src/core/programmes/programme';

/** Committee member from the Cnav (so never scores Cnav candidacies). */
export const COMMITTEE_CNAV = {
  aadId: '3f6c1b2a-8d4e-4f70-9a1b-2c3d4e5f6a70',
  name: 'Naïma Zarad',
  organisationId: 'cnav',
};

/** A small programme with its call open from 2026-03-02 to 2026-04-03 (Paris): 3 seats, 2 per organisation. */
export function createTestProgramme(overrides: Partial<Programme> = {}): Programme {
  return {
    id: 'defi-test',
    name: 'Défi du Lab (test)',
    theme: 'Leadership éthique',
    description: '',
    intakeMode: 'individual',
    organisations: [
      {
        id: 'caf-guyane',
        name: 'Caf de Guyane',
        branch: 'famille',
        region: 'Guyane',
        timezone: 'America/Cayenne',
        holidays: 'FR-GF',
      },
      {
        id: 'cpam-sarthe',
        name: 'Cpam de la Sarthe',
        branch: 'maladie',
        region: 'Pays de la Loire',
        timezone: 'Europe/Paris',
        holidays: 'FR',
      },
      {
        id: 'cnav',
        name: 'Cnav',
        branch: 'retraite',
        region: 'Île-de-France',
        timezone: 'Europe/Paris',
        holidays: 'FR',
      },
    ],
    seats: 3,
    maxPerOrganisation: 2,
    themeOptions: [
      { id: 'environnement', label: 'Environnement' },
      { id: 'deconnexion', label: 'Droit à la déconnexion' },
      { id: 'qvt', label: 'Qualité de vie au travail' },
    ],
    milestones: {
      candidacyOpen: '2026-03-02',
      candidacyClose: '2026-04-03',
      selectionCommittee: '2026-04-24',
      kickOff: '2026-05-13',
      hackathonStart: '2026-06-25',
      hackathonEnd: '2026-06-26',
      followUpStart: '2026-09-01',
      decemberReview: '2026-12-10',
      marchReview: '2027-03-11',
      end: '2027-03-31',
    },
    committee: [COMMITTEE_CNAV],
    criteria: [
      { id: 'impact', label: 'Impact attendu' },
      { id: 'motivation', label: 'Motivation' },
    ],
    endorsementRequired: false,
    confirmationDays: 7,
    ...overrides,
  };
}

/** A valid individual form for an organisation. */
export function individualFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisationId: 'caf-guyane',
    jobRole: 'management',
    region: 'Guyane',
    managerEmail: 'manager@caf.fr',
    motivation: 'Je veux faire avancer le management éthique dans mon organisme.',
    themeWish1: 'qvt',
    themeWish2: 'deconnexion',
    themeWish3: '',
    availableForKickOff: 'true',
    availableForHackathon: 'true',
    consent: 'true',
    ...overrides,
  };
}

/** A candidate named after the number, with a GUID-like id. */
export function applicant(n: number): Applicant {
  return {
    aadId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `Candidate ${n}`,
  };
}

/** A person with roles, for the selection use cases. */
export function person(aadId: string, ...roles: Role[]): Person {
  return { aadId, roles: new Set<Role>(['staff', ...roles]) };
}
