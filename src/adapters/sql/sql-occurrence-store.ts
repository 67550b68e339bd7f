import type { Kysely } from 'kysely';
import { parseOccurrenceKey } from '../../core/jobs/occurrence';
import type { ClaimResult, OccurrenceStore } from '../../core/ports/occurrence-store';
import type { Database } from './schema';

/** Scheduled occurrences in SQL; every claim is one atomic statement, so instances never both win. */
export class SqlOccurrenceStore implements OccurrenceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(key: string, owner: string, now: Date, leaseUntil: Date): Promise<ClaimResult> {
    const inserted = await this.db
      .insertInto('job_occurrences')
      .values({
        key,
        job: parseOccurrenceKey(key)?.job ?? key,
        state: 'running',
        owner,
        lease_until: leaseUntil.toISOString(),
        attempts: 1,
        last_error: null,
        claimed_at: now.toISOString(),
        done_at: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 'claimed';

    // Take over a claim whose lease ran out (its owner died or released it).
    const taken = await this.db
      .updateTable('job_occurrences')
      .set((eb) => ({
        owner,
        lease_until: leaseUntil.toISOString(),
        attempts: eb('attempts', '+', 1),
        claimed_at: now.toISOString(),
      }))
      .where('key', '=', key)
      .where('state', '=', 'running')
      .where('lease_until', '<', now.toISOString())
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return 'claimed';

    const row = await this.db
      .selectFrom('job_occurrences')
      .select('state')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.state === 'done' ? 'done' : 'held';
  }

  async markDone(key: string, owner: string, at: Date): Promise<void> {
    await this.db
      .updateTable('job_occurrences')
      .set({ state: 'done', done_at: at.toISOString(), last_error: null })
      .where('key', '=', key)
      .where('owner', '=', owner)
      .execute();
  }

  async release(key: string, owner: string, error: string): Promise<void> {
    // An expired lease (the epoch) lets the next tick, on any instance, claim it again.
    await this.db
      .updateTable('job_occurrences')
      .set({ lease_until: new Date(0).toISOString(), last_error: error.slice(0, 2000) })
      .where('key', '=', key)
      .where('owner', '=', owner)
      .where('state', '=', 'running')
      .execute();
  }

  async listDone(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const done = new Set<string>();
    // Chunked so a large month (thousands of teams) stays under SQLite's parameter limit.
    for (let start = 0; start < keys.length; start += LIST_CHUNK) {
      const rows = await this.db
        .selectFrom('job_occurrences')
        .select('key')
        .where('key', 'in', keys.slice(start, start + LIST_CHUNK))
        .where('state', '=', 'done')
        .execute();
      rows.forEach((row) => done.add(row.key));
    }
    return done;
  }
}

/** SQLite accepts 32,766 bound parameters since 3.32; 500 keeps statements small on both dialects. */
const LIST_CHUNK = 500;
