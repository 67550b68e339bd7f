import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type {
  ReachCounts,
  ReachEntry,
  ReachFailure,
  ReachLog,
  ReachRoute,
} from '../../core/ports/reach-log';
import type { Database } from './schema';

/**
 * The reach log's own key, derived from the bot's signing secret (EXPORT_SIGNING_KEY) so that it
 * signs nothing else and nothing else's signature is a reach log digest: HMAC-SHA-256(secret,
 * 'reach-log').
 */
export function deriveReachLogKey(signingSecret: string): Buffer {
  return createHmac('sha256', signingSecret).update('reach-log').digest();
}

/**
 * The reach of notices in SQL: one row per notice, counted by programme and week. A row is keyed
 * by a keyed digest of the notice key (HMAC-SHA-256 with `key`, from deriveReachLogKey): the
 * same notice queued again is counted once, and without the secret nobody can tell which notice
 * (whose candidacy, whose id) a row is by hashing keys they can guess. Rows written before were
 * keyed by a plain SHA-256; they stay, and only feed the weekly counts.
 */
export class SqlReachLog implements ReachLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly key: Buffer,
  ) {}

  async record(entry: ReachEntry): Promise<void> {
    await this.db
      .insertInto('reach_log')
      .values({
        // A keyed digest, not the key: keys name candidacies and people's ids.
        key_digest: createHmac('sha256', this.key).update(entry.key).digest('hex'),
        programme_id: entry.programmeId,
        notice_kind: entry.noticeKind,
        route: entry.route,
        failure: entry.failure,
        at: entry.at.toISOString(),
      })
      .onConflict((oc) => oc.column('key_digest').doNothing())
      .execute();
  }

  async count(programmeId: string, since: Date): Promise<ReachCounts> {
    const rows = await this.db
      .selectFrom('reach_log')
      .select([
        'route',
        'failure',
        sql<number>`count(*)`.as('count'),
        sql<number>`sum(case when notice_kind = 'candidacy.endorsementRequest' then 1 else 0 end)`.as(
          'endorsements',
        ),
      ])
      .where('programme_id', '=', programmeId)
      .where('at', '>=', since.toISOString())
      .groupBy(['route', 'failure'])
      .execute();
    const byRoute: Record<ReachRoute, number> = {
      conversation: 0,
      install: 0,
      team: 0,
      unreachable: 0,
    };
    const failures: ReachCounts['failures'] = [];
    for (const row of rows) {
      const count = Number(row.count);
      const route = row.route as ReachRoute;
      byRoute[route] = (byRoute[route] ?? 0) + count;
      if (route === 'unreachable') {
        failures.push({
          failure: (row.failure ?? 'error') as ReachFailure,
          count,
          endorsements: Number(row.endorsements),
        });
      }
    }
    failures.sort((a, b) => b.count - a.count || a.failure.localeCompare(b.failure));
    return { byRoute, failures };
  }
}
