import type { Candidacy, CandidacyStatus } from '../candidacies/candidacy';
import type { CandidacyDeps } from '../candidacies/candidacy-deps';
import { refuse, type Outcome } from '../candidacies/refusal';
import type { Person } from '../people/role';
import type { CandidacyFilter } from '../ports/candidacy-store';
import type { Branch, Programme } from '../programmes/programme';
import { getViewerScope } from './get-viewer-scope';

/**
 * Candidacies per page of the list card. Eight, not ten: with 300 organisations in its filter and
 * a button per candidacy that names the person, ten long names took the card past the 80 KB of
 * UTF-16 a card may weigh (82.7 KB measured by the national-scale test; eight: about 79.5 KB).
 */
export const CANDIDACY_PAGE_SIZE = 8;

/** The filters of the list card; each one optional. Pages count from 0. */
export interface CandidacyListQuery {
  status?: CandidacyStatus;
  organisationId?: string;
  branch?: Branch;
  page?: number;
}

/** One page of the list, with what the card needs to page on. */
export interface CandidacyList {
  items: Candidacy[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * A filtered, paged list of a programme's candidacies for the Lab team and the committee.
 * Committee members never get their own organisation's candidacies.
 */
export async function listCandidacies(
  deps: Pick<CandidacyDeps, 'candidacies'>,
  input: { programme: Programme; viewer: Person; query: CandidacyListQuery },
): Promise<Outcome<CandidacyList>> {
  const { programme, query } = input;
  const scope = getViewerScope(programme, input.viewer);
  if (scope.kind === 'none') return refuse('forbidden');
  const filter: CandidacyFilter = {};
  if (query.status !== undefined) filter.statuses = [query.status];
  let organisationIds: string[] | undefined;
  if (query.branch !== undefined) {
    organisationIds = programme.organisations
      .filter((o) => o.branch === query.branch)
      .map((o) => o.id);
  }
  if (query.organisationId !== undefined) {
    organisationIds = (organisationIds ?? [query.organisationId]).filter(
      (id) => id === query.organisationId,
    );
  }
  if (organisationIds !== undefined) filter.organisationIds = organisationIds;
  if (scope.kind === 'committee') filter.excludeOrganisationIds = [scope.organisationId];

  const requested = Math.max(0, Math.floor(query.page ?? 0));
  let result = await deps.candidacies.page(
    programme.id,
    filter,
    requested * CANDIDACY_PAGE_SIZE,
    CANDIDACY_PAGE_SIZE,
  );
  const pageCount = Math.max(1, Math.ceil(result.total / CANDIDACY_PAGE_SIZE));
  let page = requested;
  if (requested >= pageCount) {
    // A stale "next" button after candidacies were withdrawn: show the last page instead.
    page = pageCount - 1;
    result = await deps.candidacies.page(
      programme.id,
      filter,
      page * CANDIDACY_PAGE_SIZE,
      CANDIDACY_PAGE_SIZE,
    );
  }
  return { ok: true, value: { items: result.items, total: result.total, page, pageCount } };
}
