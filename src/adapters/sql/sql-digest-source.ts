import { sql, type Kysely } from 'kysely';
import { CANDIDACY_STATUSES, type CandidacyStatus } from '../../core/candidacies/candidacy';
import type {
  CallFigures,
  FollowUpFigures,
  FollowUpQuery,
  SelectionFigures,
} from '../../core/digests/digest-figures';
import type { DigestSource } from '../../core/ports/digest-source';
import type { Database } from './schema';

/** PostgreSQL answers COUNT and SUM as bigint or numeric text, SQLite as numbers; SUM of nothing is NULL. */
function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * The digest's figures, counted by the database: every query groups and counts (GROUP BY,
 * COUNT, SUM of CASE), so a digest reads a few dozen rows whatever the programme's size.
 */
export class SqlDigestSource implements DigestSource {
  constructor(private readonly db: Kysely<Database>) {}

  async countCall(programmeId: string, since: Date): Promise<CallFigures> {
    const live = sql<boolean>`status <> 'withdrawn'`;
    const [groups, drafts] = await Promise.all([
      this.db
        .selectFrom('candidacies')
        .select([
          'organisation_id',
          sql<number>`sum(case when ${live} then 1 else 0 end)`.as('candidacies'),
          sql<number>`sum(case when ${live} then seat_count else 0 end)`.as('people'),
          sql<number>`sum(case when ${live} and submitted_at >= ${since.toISOString()} then 1 else 0 end)`.as(
            'new_since',
          ),
          sql<number>`sum(case when ${live} then 0 else 1 end)`.as('withdrawn'),
        ])
        .where('programme_id', '=', programmeId)
        .groupBy('organisation_id')
        .execute(),
      this.db
        .selectFrom('candidacy_drafts')
        .select((eb) => eb.fn.countAll<number>().as('drafts'))
        .where('programme_id', '=', programmeId)
        .executeTakeFirst(),
    ]);
    const figures: CallFigures = {
      candidacies: 0,
      people: 0,
      newSince: 0,
      withdrawn: 0,
      byOrganisation: [],
      drafts: toNumber(drafts?.drafts),
    };
    for (const group of groups) {
      const candidacies = toNumber(group.candidacies);
      figures.candidacies += candidacies;
      figures.people += toNumber(group.people);
      figures.newSince += toNumber(group.new_since);
      figures.withdrawn += toNumber(group.withdrawn);
      if (candidacies > 0) {
        figures.byOrganisation.push({ organisationId: group.organisation_id, candidacies });
      }
    }
    figures.byOrganisation.sort((a, b) => a.organisationId.localeCompare(b.organisationId));
    return figures;
  }

  async countSelection(programmeId: string, today: string): Promise<SelectionFigures> {
    const [groups, seats] = await Promise.all([
      this.db
        .selectFrom('candidacies as c')
        .select([
          'c.status',
          sql<number>`count(*)`.as('candidacies'),
          sql<number>`sum(c.seat_count)`.as('people'),
          sql<number>`sum(case when exists (select 1 from candidacy_scores s where s.candidacy_id = c.id) then 1 else 0 end)`.as(
            'scored',
          ),
          sql<number>`sum(case when c.confirm_by < ${today} then 1 else 0 end)`.as('overdue'),
          sql<string | null>`min(case when c.confirm_by >= ${today} then c.confirm_by end)`.as(
            'next_confirm_by',
          ),
        ])
        .where('c.programme_id', '=', programmeId)
        .groupBy('c.status')
        .execute(),
      this.db
        .selectFrom('candidacies')
        .select(['organisation_id', sql<number>`sum(seat_count)`.as('people')])
        .where('programme_id', '=', programmeId)
        .where('status', 'in', ['accepted', 'confirmed'])
        .groupBy('organisation_id')
        .execute(),
    ]);
    const byStatus = Object.fromEntries(
      CANDIDACY_STATUSES.map((status) => [status, { candidacies: 0, people: 0 }]),
    ) as SelectionFigures['byStatus'];
    let scored = 0;
    let overdue = 0;
    let nextConfirmBy: string | null = null;
    for (const group of groups) {
      const status = group.status as CandidacyStatus;
      if (!(status in byStatus)) continue;
      byStatus[status] = {
        candidacies: toNumber(group.candidacies),
        people: toNumber(group.people),
      };
      if (status !== 'withdrawn') scored += toNumber(group.scored);
      // Only an accepted candidacy still waits for its confirmation.
      if (status === 'accepted') {
        overdue = toNumber(group.overdue);
        nextConfirmBy = group.next_confirm_by;
      }
    }
    return {
      byStatus,
      scored,
      seatsByOrganisation: seats
        .map((row) => ({ organisationId: row.organisation_id, people: toNumber(row.people) }))
        .sort((a, b) => a.organisationId.localeCompare(b.organisationId)),
      confirmationsOverdue: overdue,
      nextConfirmBy,
    };
  }

  countFollowUp(_query: FollowUpQuery): Promise<FollowUpFigures> {
    return Promise.reject(new Error('follow-up figures are not counted yet'));
  }
}
