import type { Candidacy, CandidacyStatus } from '../candidacies/candidacy';
import { CANDIDACY_STATUSES, holdsSeats } from '../candidacies/candidacy';
import type { Branch, Programme } from '../programmes/programme';

/** How many candidacies are in each status. */
export type StatusCounts = Record<CandidacyStatus, number>;

/** Counts for the Lab team's overview card. */
export interface CandidacyCounts {
  total: number;
  byStatus: StatusCounts;
  /** Every organisation of the programme, in the programme's order, even with no candidacy. */
  byOrganisation: { organisationId: string; name: string; total: number; byStatus: StatusCounts }[];
  /** Branches that have organisations in the programme. */
  byBranch: { branch: Branch; total: number; byStatus: StatusCounts }[];
  seats: number;
  /** People holding seats (accepted or confirmed). */
  seatsTaken: number;
}

/** Counts a programme's candidacies by status, organisation and branch. */
export function countCandidacies(
  programme: Programme,
  candidacies: readonly Candidacy[],
): CandidacyCounts {
  const branchOf = new Map(programme.organisations.map((o) => [o.id, o.branch]));
  const byStatus = emptyCounts();
  const byOrganisation = programme.organisations.map((o) => ({
    organisationId: o.id,
    name: o.name,
    total: 0,
    byStatus: emptyCounts(),
  }));
  const branches = [...new Set(programme.organisations.map((o) => o.branch))];
  const byBranch = branches.map((branch) => ({ branch, total: 0, byStatus: emptyCounts() }));
  let seatsTaken = 0;
  for (const candidacy of candidacies) {
    byStatus[candidacy.status] += 1;
    const organisation = byOrganisation.find((o) => o.organisationId === candidacy.organisationId);
    if (organisation !== undefined) {
      organisation.total += 1;
      organisation.byStatus[candidacy.status] += 1;
    }
    const branch = byBranch.find((b) => b.branch === branchOf.get(candidacy.organisationId));
    if (branch !== undefined) {
      branch.total += 1;
      branch.byStatus[candidacy.status] += 1;
    }
    if (holdsSeats(candidacy)) seatsTaken += candidacy.seatCount;
  }
  return {
    total: candidacies.length,
    byStatus,
    byOrganisation,
    byBranch,
    seats: programme.seats,
    seatsTaken,
  };
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(CANDIDACY_STATUSES.map((status) => [status, 0])) as StatusCounts;
}
