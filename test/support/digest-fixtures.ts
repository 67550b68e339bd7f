import {
  CANDIDACY_STATUSES,
  type Candidacy,
  type CandidacyStatus,
} from '../../src/core/candidacies/candidacy';
import type {
  CallFigures,
  FollowUpFigures,
  FollowUpQuery,
  SelectionFigures,
} from '../../src/core/digests/digest-figures';
import type { DigestSource } from '../../src/core/ports/digest-source';
import type { Programme } from '../../src/core/programmes/programme';
import { createTestProgramme } from './candidacy-programme';

/**
 * The test programme with five organisations over four branches (two Caf, so branch totals add
 * up two organisations): 10 seats, 3 per organisation.
 */
export function createDigestProgramme(overrides: Partial<Programme> = {}): Programme {
  const base = createTestProgramme();
  return {
    ...base,
    id: 'defi-digest',
    name: 'Défi du Lab (digest)',
    seats: 10,
    maxPerOrganisation: 3,
    organisations: [
      ...base.organisations,
      {
        id: 'caf-paris',
        name: 'Caf de Paris',
        branch: 'famille',
        region: 'Île-de-France',
        timezone: 'Europe/Paris',
        holidays: 'FR',
      },
      {
        id: 'urssaf-idf',
        name: 'Urssaf Île-de-France',
        branch: 'recouvrement',
        region: 'Île-de-France',
        timezone: 'Europe/Paris',
        holidays: 'FR',
      },
    ],
    ...overrides,
  };
}

/** Status counts from a partial list, every other status at zero; people equal candidacies unless given. */
export function statusCounts(
  counts: Partial<Record<CandidacyStatus, number | [number, number]>>,
): SelectionFigures['byStatus'] {
  return Object.fromEntries(
    CANDIDACY_STATUSES.map((status) => {
      const value = counts[status] ?? 0;
      const [candidacies, people] = Array.isArray(value) ? value : [value, value];
      return [status, { candidacies, people }];
    }),
  ) as SelectionFigures['byStatus'];
}

/** Follow-up figures where nothing happened, for tests to override. */
export function emptyFollowUpFigures(overrides: Partial<FollowUpFigures> = {}): FollowUpFigures {
  return {
    teams: 0,
    answered: 0,
    late: 0,
    byStatus: { 'on-track': 0, 'at-risk': 0, blocked: 0 },
    averageProgress: null,
    needingHelp: { total: 0, items: [] },
    unanswered: { total: 0, items: [] },
    silent: null,
    unreachable: { recipients: 0, blocked: 0, gone: 0, teams: { total: 0, items: [] } },
    remindersSent: 0,
    reviewPrepared: null,
    ...overrides,
  };
}

/** A DigestSource answering fixed figures and recording what it was asked. */
export class FixedDigestSource implements DigestSource {
  readonly calls: { method: string; args: unknown[] }[] = [];

  constructor(
    private readonly figures: {
      call?: CallFigures;
      selection?: SelectionFigures;
      followUp?: FollowUpFigures;
    } = {},
  ) {}

  countCall(programmeId: string, since: Date): Promise<CallFigures> {
    this.calls.push({ method: 'countCall', args: [programmeId, since] });
    return Promise.resolve(
      this.figures.call ?? {
        candidacies: 0,
        people: 0,
        newSince: 0,
        withdrawn: 0,
        byOrganisation: [],
        drafts: 0,
      },
    );
  }

  countSelection(programmeId: string, today: string): Promise<SelectionFigures> {
    this.calls.push({ method: 'countSelection', args: [programmeId, today] });
    return Promise.resolve(
      this.figures.selection ?? {
        byStatus: statusCounts({}),
        scored: 0,
        seatsByOrganisation: [],
        confirmationsOverdue: 0,
        nextConfirmBy: null,
      },
    );
  }

  countFollowUp(query: FollowUpQuery): Promise<FollowUpFigures> {
    this.calls.push({ method: 'countFollowUp', args: [query] });
    return Promise.resolve(this.figures.followUp ?? emptyFollowUpFigures());
  }
}

/** A submitted individual candidacy for the digest fixtures; `n` names the applicant. */
export function aDigestCandidacy(
  n: number,
  organisationId: string,
  status: CandidacyStatus,
  overrides: Partial<Candidacy> = {},
): Candidacy {
  return {
    id: `cand-${n}`,
    programmeId: 'defi-digest',
    mode: 'individual',
    applicant: { aadId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `C ${n}` },
    organisationId,
    status,
    answers: {
      mode: 'individual',
      jobRole: 'management',
      region: 'Île-de-France',
      managerEmail: null,
      motivation: 'Motivation',
      themeWishes: ['qvt'],
      availableForKickOff: true,
      availableForHackathon: true,
    },
    seatCount: 1,
    endorsement: null,
    consentAt: new Date('2026-03-10T08:00:00.000Z'),
    submittedAt: new Date('2026-03-10T08:00:00.000Z'),
    updatedAt: new Date('2026-03-10T08:00:00.000Z'),
    decidedAt: null,
    decidedBy: null,
    waitlistedAt: null,
    confirmBy: null,
    confirmedAt: null,
    ...overrides,
  };
}

const thisWeek = new Date('2026-03-26T10:00:00.000Z');

/**
 * Candidacies of the digest programme with known answers (see the call and selection contract
 * tests): Caf de Guyane 2 live and 1 withdrawn, Cpam de la Sarthe 5, Caf de Paris 4, Cnav 1
 * withdrawn; two of the live ones and one withdrawn arrived in the week from 2026-03-23.
 */
export const DIGEST_CANDIDACIES: readonly Candidacy[] = [
  aDigestCandidacy(1, 'caf-guyane', 'submitted', { submittedAt: thisWeek }),
  aDigestCandidacy(2, 'caf-guyane', 'waitlisted'),
  aDigestCandidacy(3, 'caf-guyane', 'withdrawn', { submittedAt: thisWeek }),
  aDigestCandidacy(4, 'cpam-sarthe', 'accepted', { confirmBy: '2026-04-20' }),
  aDigestCandidacy(5, 'cpam-sarthe', 'accepted', { confirmBy: '2026-04-28' }),
  aDigestCandidacy(6, 'cpam-sarthe', 'confirmed'),
  aDigestCandidacy(7, 'cpam-sarthe', 'declined'),
  aDigestCandidacy(8, 'cpam-sarthe', 'submitted'),
  aDigestCandidacy(9, 'caf-paris', 'confirmed'),
  aDigestCandidacy(10, 'caf-paris', 'lapsed'),
  aDigestCandidacy(11, 'caf-paris', 'submitted'),
  aDigestCandidacy(12, 'caf-paris', 'submitted', { submittedAt: thisWeek }),
  aDigestCandidacy(13, 'cnav', 'withdrawn'),
];

/** Candidacies scored by the committee: three live ones (one twice) and a withdrawn one. */
export const DIGEST_SCORED: readonly { candidacyId: string; memberAadId: string }[] = [
  { candidacyId: 'cand-1', memberAadId: 'member-a' },
  { candidacyId: 'cand-1', memberAadId: 'member-b' },
  { candidacyId: 'cand-4', memberAadId: 'member-a' },
  { candidacyId: 'cand-7', memberAadId: 'member-a' },
  { candidacyId: 'cand-13', memberAadId: 'member-a' },
];
