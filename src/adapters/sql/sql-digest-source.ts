import { PostgresAdapter, sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { CANDIDACY_STATUSES, type CandidacyStatus } from '../../core/candidacies/candidacy';
import type {
  CallFigures,
  FollowUpFigures,
  FollowUpQuery,
  SelectionFigures,
  TeamRef,
} from '../../core/digests/digest-figures';
import { HELP_CATEGORIES, type HelpCategory } from '../../core/follow-up/checkin-answer';
import type { DigestSource } from '../../core/ports/digest-source';
import type { Database } from './schema';
import type { OutboxTable } from './sql-outbox-store';
import { formatSendKeyMonthMarker, SEND_KEY_TARGET_SEPARATOR } from '../../core/follow-up/send-key';

/** The tables the follow-up queries see, the programme's teams aliased `t`. */
type FollowUpTables = Database & { outbox: OutboxTable; t: Database['programme_teams'] };

/** PostgreSQL answers COUNT and SUM as bigint or numeric text, SQLite as numbers; SUM of nothing is NULL. */
function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * The digest's figures, counted by the database: every query groups and counts (GROUP BY,
 * COUNT, SUM of CASE), so a digest reads a few dozen rows whatever the programme's size.
 */
export class SqlDigestSource implements DigestSource {
  private readonly db: Kysely<Database & { outbox: OutboxTable }>;
  private readonly postgres: boolean;

  constructor(db: Kysely<Database>) {
    // The outbox's table type lives with its store (migration 0002).
    this.db = db.withTables<{ outbox: OutboxTable }>();
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

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

  async countFollowUp(query: FollowUpQuery): Promise<FollowUpFigures> {
    const { month, previousMonth, listLimit } = query;
    const status = this.json('c.data', 'status');
    const teamName = this.json('t.data', 'name');
    const answered = (m: string) => (eb: ExpressionBuilder<FollowUpTables, 't'>) =>
      eb.exists(
        eb
          .selectFrom('checkin_answers as a')
          .select('a.team_id')
          .whereRef('a.programme_id', '=', 't.programme_id')
          .whereRef('a.team_id', '=', 't.team_id')
          .where('a.month', '=', m),
      );

    const [
      totals,
      needingHelp,
      unanswered,
      silent,
      unreachable,
      unreachableTeams,
      reminders,
      prepared,
    ] = await Promise.all([
      this.teams(query)
        .leftJoin('checkin_answers as c', (join) =>
          join
            .onRef('c.programme_id', '=', 't.programme_id')
            .onRef('c.team_id', '=', 't.team_id')
            .on('c.month', '=', month),
        )
        .select([
          sql<number>`count(*)`.as('teams'),
          sql<number>`count(c.team_id)`.as('answered'),
          sql<number>`sum(case when c.late = 1 then 1 else 0 end)`.as('late'),
          sql<number>`sum(case when ${status} = 'on-track' then 1 else 0 end)`.as('on_track'),
          sql<number>`sum(case when ${status} = 'at-risk' then 1 else 0 end)`.as('at_risk'),
          sql<number>`sum(case when ${status} = 'blocked' then 1 else 0 end)`.as('blocked'),
          sql<number | null>`avg(${this.number('c.data', 'progress')})`.as('progress'),
        ])
        .executeTakeFirstOrThrow(),
      this.teams(query)
        .innerJoin('checkin_answers as c', (join) =>
          join
            .onRef('c.programme_id', '=', 't.programme_id')
            .onRef('c.team_id', '=', 't.team_id')
            .on('c.month', '=', month),
        )
        .select([
          't.team_id',
          't.number',
          teamName.as('name'),
          status.as('status'),
          this.number('c.data', 'progress').as('progress'),
          this.json('c.data', 'help', 'category').as('help_category'),
          this.json('c.data', 'help', 'text').as('help_text'),
        ])
        .where(status, 'in', ['at-risk', 'blocked'])
        .orderBy(sql`case when ${status} = 'blocked' then 0 else 1 end`)
        .orderBy('t.number')
        .limit(listLimit)
        .execute(),
      this.teams(query)
        .select(['t.team_id', 't.number', teamName.as('name')])
        .where((eb) => eb.not(answered(month)(eb)))
        .orderBy('t.number')
        .limit(listLimit)
        .execute(),
      previousMonth === null
        ? undefined
        : this.teams(query)
            .select([
              't.team_id',
              't.number',
              teamName.as('name'),
              sql<number>`count(*) over ()`.as('total'),
            ])
            .where((eb) =>
              eb.and([eb.not(answered(month)(eb)), eb.not(answered(previousMonth)(eb))]),
            )
            .orderBy('t.number')
            .limit(listLimit)
            .execute(),
      this.monthMessages(query, 'unreachable')
        .select([
          sql<number>`count(distinct o.target)`.as('recipients'),
          sql<number>`count(distinct case when o.last_error like '403%' then o.target end)`.as(
            'blocked',
          ),
          sql<number>`count(distinct case when o.last_error like '404%' then o.target end)`.as(
            'gone',
          ),
        ])
        .executeTakeFirstOrThrow(),
      this.teams(query)
        .select([
          't.team_id',
          't.number',
          teamName.as('name'),
          sql<number>`count(*) over ()`.as('total'),
        ])
        .where(
          't.team_id',
          'in',
          this.monthMessages(query, 'unreachable').select(this.keyTeamId(query).as('team_id')),
        )
        .orderBy('t.number')
        .limit(listLimit)
        .execute(),
      this.countReminders(query),
      query.review === null
        ? undefined
        : this.teams(query)
            .innerJoin('review_answers as r', (join) =>
              join
                .onRef('r.programme_id', '=', 't.programme_id')
                .onRef('r.team_id', '=', 't.team_id'),
            )
            .select(sql<number>`count(*)`.as('prepared'))
            .where('r.review', '=', query.review)
            .where('r.kind', '=', 'preparation')
            .executeTakeFirstOrThrow(),
    ]);

    const teams = toNumber(totals.teams);
    const answeredCount = toNumber(totals.answered);
    const toRef = (row: { team_id: string; number: number; name: unknown }): TeamRef => ({
      teamId: row.team_id,
      number: toNumber(row.number),
      name: typeof row.name === 'string' ? row.name : row.team_id,
    });
    const total = (rows: readonly { total: unknown }[]): number => toNumber(rows[0]?.total);
    const atRisk = toNumber(totals.at_risk);
    const blocked = toNumber(totals.blocked);
    return {
      teams,
      answered: answeredCount,
      late: toNumber(totals.late),
      byStatus: { 'on-track': toNumber(totals.on_track), 'at-risk': atRisk, blocked },
      averageProgress: totals.progress === null ? null : Number(totals.progress),
      needingHelp: {
        total: atRisk + blocked,
        items: needingHelp.map((row) => ({
          ...toRef(row),
          status: row.status === 'blocked' ? 'blocked' : 'at-risk',
          progress: toNumber(row.progress),
          helpCategory: toHelpCategory(row.help_category),
          helpText: typeof row.help_text === 'string' ? row.help_text : '',
        })),
      },
      unanswered: { total: teams - answeredCount, items: unanswered.map(toRef) },
      silent: silent === undefined ? null : { total: total(silent), items: silent.map(toRef) },
      unreachable: {
        recipients: toNumber(unreachable.recipients),
        blocked: toNumber(unreachable.blocked),
        gone: toNumber(unreachable.gone),
        teams: { total: total(unreachableTeams), items: unreachableTeams.map(toRef) },
      },
      remindersSent: reminders,
      reviewPrepared: prepared === undefined ? null : toNumber(prepared.prepared),
    };
  }

  /** Check-in reminders delivered this month to the teams in scope. */
  private async countReminders(query: FollowUpQuery): Promise<number> {
    const row = await this.monthMessages(query, 'sent')
      // Reminder keys start `checkin-reminder-d<n>:`: the key's own index narrows the scan to them.
      .where('o.key', '>=', 'checkin-reminder-d')
      .where('o.key', '<', 'checkin-reminder-e')
      .where('o.key', 'like', `checkin-reminder-d%`)
      .select(sql<number>`count(*)`.as('sent'))
      .executeTakeFirstOrThrow();
    return toNumber(row.sent);
  }

  /**
   * The month's follow-up messages in a state, to the teams in scope, as `o`. Their keys read
   * `job:month:programme/team/recipient` (formatSendKey): one LIKE finds the month's messages of the
   * programme, then the team is read out of the key and matched, never a LIKE per team.
   */
  private monthMessages(query: FollowUpQuery, state: 'sent' | 'unreachable') {
    return this.db
      .selectFrom('outbox as o')
      .where('o.state', '=', state)
      .where('o.key', 'like', `%${this.keyMarker(query)}%`)
      .where(this.keyTeamId(query), 'in', this.teams(query).select('t.team_id'));
  }

  /** `:month:programme/`, which precedes the team id in a follow-up message's key. */
  private keyMarker(query: FollowUpQuery): string {
    return formatSendKeyMonthMarker(query.month, query.programmeId);
  }

  /** The team id inside a follow-up message's key, as SQL. */
  private keyTeamId(query: FollowUpQuery): RawBuilder<string> {
    const marker = this.keyMarker(query);
    const rest = this.postgres
      ? sql<string>`substr(o.key, strpos(o.key, ${marker}) + ${marker.length})`
      : sql<string>`substr(o.key, instr(o.key, ${marker}) + ${marker.length})`;
    return this.postgres
      ? sql<string>`split_part(${rest}, ${SEND_KEY_TARGET_SEPARATOR}, 1)`
      : sql<string>`substr(${rest}, 1, instr(${rest}, ${SEND_KEY_TARGET_SEPARATOR}) - 1)`;
  }

  /** The programme's teams, or only those the facilitator follows, as `t`. */
  private teams(query: FollowUpQuery) {
    const base = this.db
      .selectFrom('programme_teams as t')
      .where('t.programme_id', '=', query.programmeId);
    const facilitator = query.facilitatorAadId;
    if (facilitator === undefined) return base;
    return base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('programme_team_people as p')
          .select('p.aad_id')
          .whereRef('p.programme_id', '=', 't.programme_id')
          .whereRef('p.team_id', '=', 't.team_id')
          .where('p.role', '=', 'facilitator')
          .where('p.aad_id', '=', facilitator),
      ),
    );
  }

  /** A text field of a JSON column; `path` is a constant of this file, never user input. */
  private json(column: string, ...path: string[]): RawBuilder<string | null> {
    return this.postgres
      ? sql<string | null>`(${sql.ref(column)}::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`
      : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${path.join('.')}`)})`;
  }

  /** A numeric field of a JSON column. */
  private number(column: string, ...path: string[]): RawBuilder<number | null> {
    return this.postgres
      ? sql<number | null>`(${this.json(column, ...path)})::numeric`
      : sql<number | null>`${this.json(column, ...path)}`;
  }
}

function toHelpCategory(value: unknown): HelpCategory {
  return HELP_CATEGORIES.find((category) => category === value) ?? 'none';
}
