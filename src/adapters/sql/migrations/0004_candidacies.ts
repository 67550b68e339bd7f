import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Creates candidacies with their drafts, endorsements, decisions and committee scores, the
 * append-only audit log, export tokens, the people directory and the per-programme selection lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only tables number their rows, so history reads back in insertion order on both dialects.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const sequence = postgres ? 'serial' : 'integer';

  await db.schema
    .createTable('candidacies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('applicant_aad_id', 'text', (col) => col.notNull())
    .addColumn('applicant_name', 'text', (col) => col.notNull())
    .addColumn('organisation_id', 'text', (col) => col.notNull())
    .addColumn('mode', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('seat_count', 'integer', (col) => col.notNull())
    .addColumn('answers', 'text', (col) => col.notNull())
    .addColumn('consent_at', 'text', (col) => col.notNull())
    .addColumn('submitted_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('waitlisted_at', 'text')
    .addColumn('confirm_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('candidacies_applicant_uq', ['programme_id', 'applicant_aad_id'])
    .execute();
  await db.schema
    .createIndex('candidacies_programme_status_idx')
    .on('candidacies')
    .columns(['programme_id', 'status'])
    .execute();

  await db.schema
    .createTable('candidacy_endorsements')
    .addColumn('candidacy_id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('manager_email', 'text', (col) => col.notNull())
    .addColumn('manager_aad_id', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('comment', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'text', (col) => col.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .execute();
  await db.schema
    .createIndex('candidacy_endorsements_manager_idx')
    .on('candidacy_endorsements')
    .columns(['manager_email', 'status'])
    .execute();

  await db.schema
    .createTable('candidacy_drafts')
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('applicant_aad_id', 'text', (col) => col.notNull())
    .addColumn('applicant_name', 'text', (col) => col.notNull())
    .addColumn('fields', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('candidacy_drafts_pk', ['programme_id', 'applicant_aad_id'])
    .execute();

  await db.schema
    .createTable('candidacy_decisions')
    .addColumn('id', sequence, (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('candidacy_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'text', (col) => col.notNull())
    .addColumn('decided_at', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('candidacy_decisions_candidacy_idx')
    .on('candidacy_decisions')
    .column('candidacy_id')
    .execute();

  await db.schema
    .createTable('candidacy_scores')
    .addColumn('candidacy_id', 'text', (col) => col.notNull())
    .addColumn('member_aad_id', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('score_values', 'text', (col) => col.notNull())
    .addColumn('comment', 'text', (col) => col.notNull())
    .addColumn('scored_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('candidacy_scores_pk', ['candidacy_id', 'member_aad_id'])
    .execute();
  await db.schema
    .createIndex('candidacy_scores_programme_idx')
    .on('candidacy_scores')
    .column('programme_id')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', sequence, (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_programme_idx')
    .on('audit_log')
    .columns(['programme_id', 'id'])
    .execute();

  await db.schema
    .createTable('export_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('programme_id', 'text', (col) => col.notNull())
    .addColumn('admin_aad_id', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('aad_id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('people_email_idx').on('people').column('email').execute();

  await db.schema
    .createTable('selection_locks')
    .addColumn('programme_id', 'text', (col) => col.primaryKey())
    .addColumn('locked_at', 'text', (col) => col.notNull())
    .execute();
}

/** Drops the candidacy tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'selection_locks',
    'people',
    'export_tokens',
    'audit_log',
    'candidacy_scores',
    'candidacy_decisions',
    'candidacy_drafts',
    'candidacy_endorsements',
    'candidacies',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
