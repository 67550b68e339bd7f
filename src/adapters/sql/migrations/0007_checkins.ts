import type { Kysely } from 'kysely';

/** Creates the monthly check-in answers, the review answers and people's declared absences. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checkin_answers')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('answered_by', 'text', (col) => col.notNull())
    .addColumn('answered_at', 'text', (col) => col.notNull())
    .addColumn('first_answered_at', 'text', (col) => col.notNull())
    .addColumn('late', 'integer', (col) => col.notNull())
    .addColumn('revision', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('checkin_answers_pk', ['programme_id', 'team_id', 'month'])
    .execute();
  await db.schema
    .createTable('review_answers')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('team_id', 'text', (col) => col.notNull())
    .addColumn('review', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('answered_by', 'text', (col) => col.notNull())
    .addColumn('answered_at', 'text', (col) => col.notNull())
    .addColumn('revision', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('review_answers_pk', ['programme_id', 'team_id', 'review', 'kind'])
    .execute();
  await db.schema
    .createTable('absences')
    .addColumn('aad_id', 'text', (col) => col.primaryKey())
    .addColumn('until_day', 'text', (col) => col.notNull())
    .addColumn('declared_at', 'text', (col) => col.notNull())
    .execute();
}

/** Drops the check-in, review and absence tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('absences').execute();
  await db.schema.dropTable('review_answers').execute();
  await db.schema.dropTable('checkin_answers').execute();
}
