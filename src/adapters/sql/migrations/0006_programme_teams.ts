import type { Kysely } from 'kysely';

/** Creates the formed teams of programmes, and who belongs to which (for "my teams" lookups). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_teams')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('programme_teams_pk', ['programme_id', 'team_id'])
    .execute();
  await db.schema
    .createTable('programme_team_people')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('aad_id', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('programme_team_people_pk', [
      'programme_id',
      'team_id',
      'aad_id',
      'role',
    ])
    .execute();
  await db.schema
    .createIndex('programme_team_people_aad_idx')
    .on('programme_team_people')
    .column('aad_id')
    .execute();
}

/** Drops the team tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('programme_team_people').execute();
  await db.schema.dropTable('programme_teams').execute();
}
