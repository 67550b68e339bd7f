import {
  CANDIDACY_STATUSES,
  type Candidacy,
  type CandidacyStatus,
} from '../../src/core/candidacies/candidacy';
import type { CheckinAnswer } from '../../src/core/follow-up/checkin-answer';
import type {
  CallFigures,
  FollowUpFigures,
  FollowUpQuery,
  SelectionFigures,
} from '../../src/core/digests/digest-figures';
import type { ReviewId } from '../../src/core/follow-up/planned-send';
import type { DigestSource } from '../../src/core/ports/digest-source';
import type { ProgrammeTeam } from '../../src/core/programmes/programme-team';
import type { ReviewAnswer } from '../../src/core/follow-up/review-answer';
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

/** Facilitators of the follow-up fixture's teams. */
export const DIGEST_FACILITATORS = { f1: 'fac-1', f2: 'fac-2', f3: 'fac-3', f4: 'fac-4' } as const;

/**
 * Six formed teams of the digest programme and their two facilitators each: fac-1 follows teams
 * 1, 2 and 4; fac-4 teams 5 and 6.
 */
export function digestTeams(programmeId = 'defi-digest'): ProgrammeTeam[] {
  const { f1, f2, f3, f4 } = DIGEST_FACILITATORS;
  const pairs: [string, string][] = [
    [f1, f2],
    [f1, f3],
    [f2, f3],
    [f1, f2],
    [f3, f4],
    [f3, f4],
  ];
  return pairs.map(([a, b], index) => {
    const number = index + 1;
    const lead = `lead-${number}`;
    return {
      id: `team-${number}`,
      programmeId,
      number,
      name: `Équipe ${number}`,
      leadAadId: lead,
      members: [{ aadId: lead, name: `Lead ${number}`, organisationId: 'caf-paris' }],
      facilitators: [a, b].map((aadId) => ({ aadId, name: aadId, organisationId: 'lab' })),
    };
  });
}

/** A check-in of the follow-up fixture. */
export function aDigestCheckin(
  teamId: string,
  month: string,
  fields: Partial<CheckinAnswer> = {},
): CheckinAnswer {
  const at = new Date(`${month}-03T08:00:00.000Z`);
  return {
    programmeId: 'defi-digest',
    teamId,
    month,
    status: 'on-track',
    progress: 50,
    done: 'Atelier',
    nextSteps: 'Test',
    help: { category: 'none', text: '' },
    indicators: {},
    answeredBy: { aadId: `lead-${teamId.slice(5)}`, name: 'Lead' },
    answeredAt: at,
    firstAnsweredAt: at,
    late: false,
    revision: 1,
    ...fields,
  };
}

/**
 * Check-ins with known answers for November 2026: teams 1 (on track, 60 %), 2 (blocked, 10 %,
 * late, asks for data) and 3 (at risk, 35 %, asks for method) answered; 4 answered only in
 * October; 5 and 6 are silent both months. Plus an answer of a team that no longer exists and
 * one of another programme, never counted.
 */
export const DIGEST_CHECKINS: readonly CheckinAnswer[] = [
  aDigestCheckin('team-1', '2026-11', { progress: 60 }),
  aDigestCheckin('team-2', '2026-11', {
    status: 'blocked',
    progress: 10,
    late: true,
    help: { category: 'data', text: 'Accès aux données' },
  }),
  aDigestCheckin('team-3', '2026-11', {
    status: 'at-risk',
    progress: 35,
    help: { category: 'method', text: 'Atelier de cadrage' },
  }),
  aDigestCheckin('team-1', '2026-10'),
  aDigestCheckin('team-2', '2026-10', { status: 'at-risk' }),
  aDigestCheckin('team-4', '2026-10'),
  aDigestCheckin('team-9', '2026-11', { status: 'blocked' }),
  aDigestCheckin('team-1', '2026-11', { programmeId: 'defi-other', status: 'blocked' }),
];

/** Follow-up messages of the fixture, by final state; targets name people by letter. */
export const DIGEST_OUTBOX: readonly {
  key: string;
  state: 'sent' | 'pending' | 'unreachable';
  person: string;
  error?: string;
}[] = [
  { key: 'checkin-reminder-d3:2026-11:defi-digest/team-4/lead', state: 'sent', person: 'd' },
  { key: 'checkin-reminder-d5:2026-11:defi-digest/team-4/lead', state: 'sent', person: 'd' },
  { key: 'checkin-reminder-d3:2026-11:defi-digest/team-5/lead', state: 'sent', person: 'x' },
  { key: 'checkin-reminder-d3:2026-11:defi-digest/team-6/lead', state: 'pending', person: 'y' },
  { key: 'checkin-reminder-d3:2026-10:defi-digest/team-5/lead', state: 'sent', person: 'x' },
  { key: 'checkin-reminder-d3:2026-11:defi-other/team-1/lead', state: 'sent', person: 'z' },
  {
    key: 'checkin:2026-11:defi-digest/team-5/lead',
    state: 'unreachable',
    person: 'x',
    error: '403 MessageWritesBlocked',
  },
  {
    key: 'checkin-reminder-d5:2026-11:defi-digest/team-5/lead',
    state: 'unreachable',
    person: 'x',
    error: '403 MessageWritesBlocked',
  },
  {
    key: 'checkin:2026-11:defi-digest/team-6/lead',
    state: 'unreachable',
    person: 'y',
    error: '404 conversation not found',
  },
  {
    key: 'checkin:2026-10:defi-digest/team-4/lead',
    state: 'unreachable',
    person: 'd',
    error: '403 MessageWritesBlocked',
  },
];

/** Review answers of the fixture: teams 1 and 2 prepared December's review. */
export const DIGEST_REVIEWS: readonly ReviewAnswer[] = [
  ...(['team-1', 'team-2'] as const).map((teamId) => aDigestReview(teamId, 'december')),
  {
    ...aDigestReview('team-3', 'december'),
    kind: 'outcome' as const,
    fields: {
      decision: 'continue' as const,
      nextSteps: 'Étendre',
      owner: 'Lead 3',
    },
  },
  aDigestReview('team-4', 'march'),
];

function aDigestReview(teamId: string, review: ReviewId): ReviewAnswer {
  return {
    programmeId: 'defi-digest',
    teamId,
    review,
    kind: 'preparation',
    fields: { results: 'R', indicators: 'I', decisionsNeeded: 'D', nextSteps: 'N' },
    answeredBy: { aadId: `lead-${teamId.slice(5)}`, name: 'Lead' },
    answeredAt: new Date('2026-11-26T10:00:00.000Z'),
    revision: 1,
  };
}
