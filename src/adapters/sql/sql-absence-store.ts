import type { Kysely } from 'kysely';
import type { Absence } from '../../core/follow-up/absences';
import type { AbsenceStore } from '../../core/ports/absence-store';
import type { Database } from './schema';

/** Declared absences in SQL, one row per person (Entra ids lower-cased: Teams and files differ in case). */
export class SqlAbsenceStore implements AbsenceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async set(absence: Absence): Promise<void> {
    await this.db
      .insertInto('absences')
      .values({
        aad_id: absence.aadId.toLowerCase(),
        until_day: absence.until,
        declared_at: absence.declaredAt.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('aad_id').doUpdateSet((eb) => ({
          until_day: eb.ref('excluded.until_day'),
          declared_at: eb.ref('excluded.declared_at'),
        })),
      )
      .execute();
  }

  async clear(aadId: string): Promise<void> {
    await this.db.deleteFrom('absences').where('aad_id', '=', aadId.toLowerCase()).execute();
  }

  async get(aadId: string): Promise<Absence | undefined> {
    const row = await this.db
      .selectFrom('absences')
      .selectAll()
      .where('aad_id', '=', aadId.toLowerCase())
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { aadId: row.aad_id, until: row.until_day, declaredAt: new Date(row.declared_at) };
  }
}
