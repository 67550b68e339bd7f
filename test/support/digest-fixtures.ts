import { CANDIDACY_STATUSES, type CandidacyStatus } from '../../src/core/candidacies/candidacy';
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
