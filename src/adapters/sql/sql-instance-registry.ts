import type { Kysely } from 'kysely';
import type {
  InstanceRegistry,
  ReclaimedLeases,
  TenantPauseStore,
} from '../../core/ports/instance-registry';
import type { Database } from './schema';
import type { OutboxTable } from './sql-outbox-store';

/** A running bot process and its last heartbeat (migration 0010). */
export interface InstancesTable {
  id: string;
  started_at: string;
  heartbeat_at: string;
}

/** A tenant paused after a 429, for every instance (migration 0010). */
export interface TenantPausesTable {
  tenant_id: string;
  until: string;
}

type RegistryDatabase = Database & {
  instances: InstancesTable;
  tenant_pauses: TenantPausesTable;
  outbox: OutboxTable;
};

/** An ended occurrence lease: the next tick, on any instance, claims it (as SqlOccurrenceStore.release does). */
const EXPIRED = new Date(0).toISOString();

/**
 * The instance registry and the shared tenant pauses in SQL. Freeing a dead instance's leases
 * and forgetting it is one transaction, so a lease is never left behind by an instance the
 * registry has already forgotten.
 */
export class SqlInstanceRegistry implements InstanceRegistry, TenantPauseStore {
  private readonly db: Kysely<RegistryDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{
      instances: InstancesTable;
      tenant_pauses: TenantPausesTable;
      outbox: OutboxTable;
    }>();
  }

  async beat(id: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db
      .insertInto('instances')
      .values({ id, started_at: at, heartbeat_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: at }))
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('instances').where('id', '=', id).execute();
  }

  async listLive(since: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom('instances')
      .select('id')
      .where('heartbeat_at', '>=', since.toISOString())
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }

  reclaimStale(since: Date): Promise<ReclaimedLeases> {
    return this.db.transaction().execute(async (trx) => {
      const stale = await trx
        .selectFrom('instances')
        .select('id')
        .where('heartbeat_at', '<', since.toISOString())
        .execute();
      const ids = stale.map((row) => row.id);
      if (ids.length === 0) return { outbox: 0, occurrences: 0, instances: 0 };
      const outbox = await trx
        .updateTable('outbox')
        .set({ lease_owner: null, lease_until: null })
        .where('state', '=', 'pending')
        .where('lease_owner', 'in', ids)
        .executeTakeFirst();
      const occurrences = await trx
        .updateTable('job_occurrences')
        .set({ lease_until: EXPIRED })
        .where('state', '=', 'running')
        .where('owner', 'in', ids)
        .where('lease_until', '>', EXPIRED)
        .executeTakeFirst();
      const removed = await trx.deleteFrom('instances').where('id', 'in', ids).executeTakeFirst();
      return {
        outbox: Number(outbox.numUpdatedRows),
        occurrences: Number(occurrences.numUpdatedRows),
        instances: Number(removed.numDeletedRows),
      };
    });
  }

  reclaimAll(survivor: string): Promise<ReclaimedLeases> {
    return this.db.transaction().execute(async (trx) => {
      const outbox = await trx
        .updateTable('outbox')
        .set({ lease_owner: null, lease_until: null })
        .where('state', '=', 'pending')
        .where('lease_owner', 'is not', null)
        .where('lease_owner', '<>', survivor)
        .executeTakeFirst();
      const occurrences = await trx
        .updateTable('job_occurrences')
        .set({ lease_until: EXPIRED })
        .where('state', '=', 'running')
        .where('owner', '<>', survivor)
        .where('lease_until', '>', EXPIRED)
        .executeTakeFirst();
      const removed = await trx
        .deleteFrom('instances')
        .where('id', '<>', survivor)
        .executeTakeFirst();
      return {
        outbox: Number(outbox.numUpdatedRows),
        occurrences: Number(occurrences.numUpdatedRows),
        instances: Number(removed.numDeletedRows),
      };
    });
  }

  async pause(tenantId: string, until: Date): Promise<void> {
    const at = until.toISOString();
    // ISO texts sort as the instants they name, so the later pause is the greater text.
    await this.db
      .insertInto('tenant_pauses')
      .values({ tenant_id: tenantId, until: at })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({ until: at }).where('tenant_pauses.until', '<', at),
      )
      .execute();
  }

  async listActive(now: Date): Promise<Array<{ tenantId: string; until: Date }>> {
    const rows = await this.db
      .selectFrom('tenant_pauses')
      .select(['tenant_id', 'until'])
      .where('until', '>', now.toISOString())
      .orderBy('tenant_id')
      .execute();
    return rows.map((row) => ({ tenantId: row.tenant_id, until: new Date(row.until) }));
  }
}
