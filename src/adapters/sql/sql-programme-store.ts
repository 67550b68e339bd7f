import type { Kysely } from 'kysely';
import type { ProgrammeStore } from '../../core/ports/programme-store';
import type { Programme } from '../../core/programmes/programme';
import { programmePeople } from './migrations/0017_programme_people';
import { reusableQuery } from './reusable-query';
import type { Database } from './schema';

/** Programmes in SQL: one row each, the programme itself as JSON. */
export class SqlProgrammeStore implements ProgrammeStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly getQuery = reusableQuery(
    () => this.db,
    1,
    (id: string) => this.db.selectFrom('programmes').select('data').where('id', '=', id),
  );

  private readonly listQuery = reusableQuery(
    () => this.db,
    0,
    () =>
      this.db
        .selectFrom('programmes')
        .select('data')
        .orderBy('candidacy_open', 'desc')
        .orderBy('id'),
  );

  async save(programme: Programme): Promise<void> {
    const at = this.now().toISOString();
    // The programme and the index of who it names change together.
    await this.db.transaction().execute(async (trx) => {
      await trx
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
      await trx.deleteFrom('programme_people').where('programme_id', '=', programme.id).execute();
      const people = programmePeople(programme.id, programme) as {
        programme_id: string;
        aad_id: string;
        role: 'committee' | 'programmeLab';
      }[];
      if (people.length > 0) await trx.insertInto('programme_people').values(people).execute();
    });
  }

  async get(id: string): Promise<Programme | undefined> {
    const [row] = (await this.getQuery(id)).rows;
    return row === undefined ? undefined : (JSON.parse(row.data) as Programme);
  }

  async list(): Promise<Programme[]> {
    const { rows } = await this.listQuery();
    return rows.map((row) => JSON.parse(row.data) as Programme);
  }
}
