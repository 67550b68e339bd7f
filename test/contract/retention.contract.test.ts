import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import type { Database } from '../../src/adapters/sql/schema';
import type { OutboxTable } from '../../src/adapters/sql/sql-outbox-store';
import { SqlAuditLog } from '../../src/adapters/sql/sql-audit-log';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import { SqlProgrammeStore } from '../../src/adapters/sql/sql-programme-store';
import { RETENTION_DEFAULTS } from '../../src/core/personal-data/personal-data-register';
import { runRetention } from '../../src/core/personal-data/run-retention';
import { toPseudonym } from '../../src/core/personal-data/to-pseudonym';
import { addDays } from '../../src/core/scheduling/local-days';
import { createTestProgramme } from '../support/candidacy-programme';
import { testDatabases } from './test-databases';

const MARIE = '3f2a9c1e-0d4b-4e8a-9b7c-5a6d1e2f3a4b';
const PAUL = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const LEA = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const SEEDED = '2026-03-20T10:00:00.000Z';
const pseudonymOf = (aadId: string) =>
  toPseudonym(Buffer.from(aadId.replace(/-/g, ''), 'hex').toString('hex'));

/** The programme of createTestProgramme: call closes 2026-04-03, committee 2026-04-24, end 2027-03-31. */
async function seed(db: Kysely<Database>): Promise<void> {
  const programme = createTestProgramme({ id: 'defi-2026' });
  await new SqlProgrammeStore(db).save(programme);
  await db
    .insertInto('candidacy_drafts')
    .values({
      programme_id: 'defi-2026',
      applicant_aad_id: LEA,
      applicant_name: 'Léa Petit',
      fields: '{"motivation":"brouillon de Léa"}',
      updated_at: SEEDED,
    })
    .execute();
  const candidacy = (id: string, aadId: string, name: string, status: string) => ({
    id,
    programme_id: 'defi-2026',
    applicant_aad_id: aadId,
    applicant_name: name,
    organisation_id: 'cnav',
    mode: 'individual',
    status,
    seat_count: 1,
    answers: JSON.stringify({ mode: 'individual', motivation: `motivation de ${name}` }),
    consent_at: SEEDED,
    submitted_at: SEEDED,
    updated_at: SEEDED,
    decided_at: null,
    decided_by: null,
    waitlisted_at: null,
    confirm_by: null,
    confirmed_at: null,
  });
  await db
    .insertInto('candidacies')
    .values([
      candidacy('c-1', MARIE, 'Marie Dupont', 'confirmed'),
      candidacy('c-2', PAUL, 'Paul Martin', 'declined'),
    ])
    .execute();
  await db
    .insertInto('candidacy_scores')
    .values(
      ['c-1', 'c-2'].map((id) => ({
        candidacy_id: id,
        member_aad_id: 'committee-1',
        programme_id: 'defi-2026',
        score_values: '{"impact":3}',
        comment: `avis sur ${id}`,
        scored_at: SEEDED,
      })),
    )
    .execute();
  await db
    .insertInto('programme_team_people')
    .values({ programme_id: 'defi-2026', team_id: 't1', aad_id: MARIE, role: 'lead' })
    .execute();
  await db
    .insertInto('checkin_answers')
    .values({
      programme_id: 'defi-2026',
      team_id: 't1',
      month: '2026-10',
      data: JSON.stringify({
        status: 'onTrack',
        progress: 60,
        done: 'texte de Marie',
        answeredBy: { aadId: MARIE, name: 'Marie Dupont' },
      }),
      answered_by: MARIE,
      answered_at: SEEDED,
      first_answered_at: SEEDED,
      late: 0,
      revision: 1,
    })
    .execute();
  await db
    .insertInto('export_tokens')
    .values({
      id: 'tok-1',
      programme_id: 'defi-2026',
      admin_aad_id: 'lab',
      format: 'xlsx',
      created_at: SEEDED,
      expires_at: SEEDED,
      used_at: SEEDED,
    })
    .execute();
  await db
    .withTables<{ outbox: OutboxTable }>()
    .insertInto('outbox')
    .values({
      key: 'reminder:1',
      batch_id: null,
      target: JSON.stringify({ kind: 'conversation', conversationId: 'c' }),
      payload: JSON.stringify({ kind: 'text', text: 'Bonjour Marie' }),
      state: 'sent',
      not_before: SEEDED,
      next_attempt_at: SEEDED,
      attempts: 0,
      throttles: 0,
      lease_owner: null,
      lease_until: null,
      conversation_id: 'c',
      activity_id: null,
      last_error: null,
      created_at: SEEDED,
      completed_at: SEEDED,
    })
    .execute();
}

/** What the test watches, one flag per category: still there as stored? */
async function observe(db: Kysely<Database>): Promise<Record<string, boolean>> {
  const drafts = await db.selectFrom('candidacy_drafts').select('applicant_aad_id').execute();
  const paul = await db.selectFrom('candidacies').select('id').where('id', '=', 'c-2').execute();
  const paulScore = await db
    .selectFrom('candidacy_scores')
    .select('comment')
    .where('candidacy_id', '=', 'c-2')
    .execute();
  const marie = await db
    .selectFrom('candidacies')
    .select(['applicant_aad_id', 'status'])
    .where('id', '=', 'c-1')
    .executeTakeFirstOrThrow();
  const token = await db.selectFrom('export_tokens').select('id').execute();
  const payload = await db
    .withTables<{ outbox: OutboxTable }>()
    .selectFrom('outbox')
    .select('payload')
    .executeTakeFirstOrThrow();
  return {
    draft: drafts.length === 1,
    unselected: paul.length === 1 && paulScore.length === 1,
    participant: marie.applicant_aad_id === MARIE && marie.status === 'confirmed',
    token: token.length === 1,
    payload: payload.payload.includes('Marie'),
  };
}

for (const target of testDatabases()) {
  describe(`retention across a programme's year (${target.name})`, function () {
    // About 400 daily runs against a real database.
    this.timeout(120_000);
    let database: DatabaseHandle | undefined;

    beforeEach(async () => {
      database = await target.open();
      await seed(database.db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('removes each category on its day, nothing earlier, and a second run changes nothing', async () => {
      const db = database!.db;
      const store = new SqlPersonalDataStore(db);
      const programmes = [createTestProgramme({ id: 'defi-2026' })];
      const firstGone: Record<string, string> = {};
      const run = async (day: string) => {
        const now = new Date(`${day}T02:30:00.000Z`);
        const report = await runRetention(
          { store, pseudonymOf, audit: new SqlAuditLog(db) },
          { programmes, now, today: day, durations: RETENTION_DEFAULTS },
        );
        const seen = await observe(db);
        for (const [name, present] of Object.entries(seen)) {
          if (!present && firstGone[name] === undefined) firstGone[name] = day;
        }
        return report;
      };
      for (let day = '2026-03-20'; day <= '2027-04-30'; day = addDays(day, 1)) await run(day);
      await run('2028-03-30');
      assert.equal(
        firstGone.participant,
        undefined,
        'participants are kept 12 months after the end',
      );
      await run('2028-03-31');
      assert.deepEqual(firstGone, {
        token: '2026-03-22',
        draft: '2026-04-04',
        payload: '2026-04-20',
        unselected: '2026-10-24',
        participant: '2028-03-31',
      });
      const audited = await db.selectFrom('audit_log').select('action').execute();
      assert.equal(audited.length, 5, 'one retention entry per run that removed something');
      const again = await run('2028-03-31');
      assert.deepEqual(again, {
        expired: { export_tokens: 0, outbox: 0, conversations: 0, bot_state: 0 },
        programmes: {},
      });
      // The participant's figures stay: status, seats, check-in status and progress.
      const marie = await db
        .selectFrom('candidacies')
        .selectAll()
        .where('id', '=', 'c-1')
        .executeTakeFirstOrThrow();
      assert.equal(marie.applicant_name, pseudonymOf(MARIE).name);
      assert.equal(marie.status, 'confirmed');
      const checkin = await db.selectFrom('checkin_answers').selectAll().executeTakeFirstOrThrow();
      assert.equal(checkin.answered_by, pseudonymOf(MARIE).aadId);
      assert.deepEqual(JSON.parse(checkin.data), {
        status: 'onTrack',
        progress: 60,
        done: '',
        answeredBy: { aadId: pseudonymOf(MARIE).aadId, name: pseudonymOf(MARIE).name },
      });
      const team = await db.selectFrom('programme_team_people').selectAll().execute();
      assert.deepEqual(team, [
        {
          programme_id: 'defi-2026',
          team_id: 't1',
          aad_id: pseudonymOf(MARIE).aadId,
          role: 'lead',
        },
      ]);
    });
  });
}
