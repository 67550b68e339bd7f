import { sql, type Kysely } from 'kysely';
import type {
  ReachFailure,
  ReachSection,
  ReachSource,
} from '../../core/digests/build-reach-section';
import type { EmailCause } from '../../core/ports/email-delivery-store';
import type { Database } from './schema';
import { INTERRUPTED_REASON, type EmailDeliveryTable } from './sql-email-delivery-store';
import type { OutboxTable } from './sql-outbox-store';
import { SqlPeopleDirectory } from './sql-people-directory';

type ReachDatabase = Database & { outbox: OutboxTable; email_deliveries: EmailDeliveryTable };

/** The recorded reason of a failed or skipped e-mail, as a code the digest words. */
function toFailure(reason: string | null): ReachFailure {
  const text = reason ?? '';
  if (text.startsWith('e-mail fallback off')) return 'fallback-off';
  if (text.startsWith('no e-mail address')) return 'no-address';
  if (text === INTERRUPTED_REASON) return 'interrupted';
  if (text.startsWith('cancelled')) return 'cancelled';
  return 'graph-refused';
}

/**
 * The routes of the week in SQL: Teams deliveries from the outbox, e-mails and failures from the
 * e-mail fallback's rows (one per message a person did not get in Teams), names from the people
 * directory.
 */
export class SqlReachSource implements ReachSource {
  private readonly db: Kysely<ReachDatabase>;
  private readonly people: SqlPeopleDirectory;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ outbox: OutboxTable; email_deliveries: EmailDeliveryTable }>();
    this.people = new SqlPeopleDirectory(db);
  }

  async summariseReach(since: Date, listLimit: number): Promise<ReachSection> {
    const sinceText = since.toISOString();
    const teams = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('state', '=', 'sent')
      .where('completed_at', '>=', sinceText)
      .executeTakeFirst();
    const rows = await this.db
      .selectFrom('email_deliveries')
      .select(['recipient_aad_id', 'cause', 'state', 'reason'])
      .where('state', 'in', ['sent', 'failed', 'skipped'])
      .where('completed_at', '>=', sinceText)
      .orderBy('completed_at')
      .orderBy(sql`key`)
      .execute();
    const sent = rows.filter((row) => row.state === 'sent');
    const unreached = rows.filter((row) => row.state !== 'sent');
    const shown = [...sent.slice(0, listLimit), ...unreached.slice(0, listLimit)];
    const names = await this.people.findNames(shown.map((row) => row.recipient_aad_id));
    const nameOf = (aadId: string): string =>
      names.get(aadId.toLowerCase()) ?? `${aadId.slice(0, 8)}…`;
    return {
      teams: Number(teams?.count ?? 0),
      email: sent.length,
      none: unreached.length,
      byEmail: {
        total: sent.length,
        items: sent.slice(0, listLimit).map((row) => ({
          name: nameOf(row.recipient_aad_id),
          cause: row.cause as EmailCause,
        })),
      },
      unreached: {
        total: unreached.length,
        items: unreached.slice(0, listLimit).map((row) => ({
          name: nameOf(row.recipient_aad_id),
          cause: row.cause as EmailCause,
          reason: toFailure(row.reason),
        })),
      },
    };
  }
}
