import type { Kysely } from 'kysely';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { Programme } from '../../core/programmes/programme';
import type { Database } from './schema';

/** Programmes in SQL: one row each, the programme itself as JSON. */
export class SqlProgrammeStore implements ProgrammeStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(programme: Programme): Promise<void> {
    const at = this.now().toISOString();
    await this.db
      .insertInto('programmes')
      .values({
        id: programme.id,
        name: programme.name,
        candidacy_open: programme.milestones.candidacyOpen,
        data: JSON.stringify(programme),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          candidacy_open: eb.ref('excluded.candidacy_open'),
          data: eb.ref('excluded.data'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async get(id: string): Promise<Programme | undefined> {
    const row = await this.db
      .selectFrom('programmes')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.data) as Programme);
  }

  async list(): Promise<Programme[]> {
    const rows = await this.db
      .selectFrom('programmes')
      .select('data')
      .orderBy('candidacy_open', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.data) as Programme);
  }
}
