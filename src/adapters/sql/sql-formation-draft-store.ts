import type { Kysely } from 'kysely';
import type { FormationDraft } from '../../core/formation/formation-draft';
import type { FormationDraftStore } from '../../core/ports/formation-draft-store';
import type { Database } from './schema';

/** Formation drafts in SQL, as JSON with the update time restored as a Date. */
export class SqlFormationDraftStore implements FormationDraftStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(draft: FormationDraft): Promise<void> {
    await this.db
      .insertInto('formation_drafts')
      .values({
        programme_id: draft.programmeId,
        data: JSON.stringify(draft),
        updated_at: draft.updatedAt.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('programme_id').doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async get(programmeId: string): Promise<FormationDraft | undefined> {
    const row = await this.db
      .selectFrom('formation_drafts')
      .select('data')
      .where('programme_id', '=', programmeId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const draft = JSON.parse(row.data) as FormationDraft & { updatedAt: string };
    return { ...draft, updatedAt: new Date(draft.updatedAt) };
  }

  async delete(programmeId: string): Promise<void> {
    await this.db.deleteFrom('formation_drafts').where('programme_id', '=', programmeId).execute();
  }
}
