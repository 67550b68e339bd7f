import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/sql/open-database';
import type { Database } from '../../src/adapters/sql/schema';
import { SqlDigestSource } from '../../src/adapters/sql/sql-digest-source';
import { SqlPersonalDataStore } from '../../src/adapters/sql/sql-personal-data-store';
import type { OutboxTable } from '../../src/adapters/sql/sql-outbox-store';
import {
  PERSONAL_DATA_REGISTER,
  RETENTION_DEFAULTS,
} from '../../src/core/personal-data/personal-data-register';
import type { Pseudonym } from '../../src/core/ports/personal-data-store';
import { testDatabases } from './test-databases';

const MARIE = '3f2a9c1e-0d4b-4e8a-9b7c-5a6d1e2f3a4b';
const PAUL = '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const AT = '2026-10-05T08:00:00.000Z';
const MARIE_TEXTS = [
  'Je veux rendre les démarches plus simples',
  'Prototype du formulaire en ligne',
  'Tester avec trois DDT',
  'Besoin d’un juriste',
];
const ABOUT_MARIE = ['Très motivée et rigoureuse', 'Dossier solide'];
const PSEUDONYM: Pseudonym = {
  aadId: 'pseudonym-7f3a0000aaaa1111',
  name: 'Personne 7f3a',
  email: 'personne-7f3a@pseudonyme.invalid',
};

/** Marie applied, was placed in a team, answered a check-in, scored Paul, was absent and messaged. */
async function seed(db: Kysely<Database>): Promise<void> {
  const outbox = db.withTables<{ outbox: OutboxTable }>();
  await db
    .insertInto('people')
    .values([
      { aad_id: MARIE, email: 'marie.dupont@agri.gouv.fr', name: 'Marie Dupont', seen_at: AT },
      { aad_id: PAUL, email: 'paul.martin@agri.gouv.fr', name: 'Paul Martin', seen_at: AT },
    ])
    .execute();
  await db
    .insertInto('user_contexts')
    .values({ aad_id: MARIE, locale: 'fr-FR', timezone: 'Europe/Paris', seen_at: AT })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      conversation_id: 'a:conv-marie',
      scope: 'personal',
      service_url: 'https://smba.example/',
      tenant_id: 't',
      team_id: null,
      channel_id: null,
      user_aad_id: MARIE,
      bot_id: 'bot',
      locale: 'fr-FR',
      timezone: null,
      installed_at: AT,
      updated_at: AT,
      uninstalled_at: null,
    })
    .execute();
  await db
    .insertInto('bot_state')
    .values({
      key: 'msteams/bot/conversations/a:conv-marie',
      value: '{}',
      etag: '1',
      updated_at: AT,
    })
    .execute();
  const candidacy = (id: string, aadId: string, name: string, motivation: string) => ({
    id,
    programme_id: 'defi-2026',
    applicant_aad_id: aadId,
    applicant_name: name,
    organisation_id: 'agri',
    mode: 'individual',
    status: 'accepted',
    seat_count: 1,
    answers: JSON.stringify({
      mode: 'individual',
      jobRole: 'agent',
      region: 'bretagne',
      managerEmail: 'chef@agri.gouv.fr',
      motivation,
      themeWishes: ['t1'],
      availableForKickOff: true,
      availableForHackathon: true,
    }),
    consent_at: AT,
    submitted_at: AT,
    updated_at: AT,
    decided_at: AT,
    decided_by: 'lab-admin',
    waitlisted_at: null,
    confirm_by: null,
    confirmed_at: null,
  });
  await db
    .insertInto('candidacies')
    .values([
      candidacy('c-1', MARIE, 'Marie Dupont', MARIE_TEXTS[0]!),
      candidacy('c-2', PAUL, 'Paul Martin', 'Le projet de Paul'),
    ])
    .execute();
  await db
    .insertInto('candidacy_endorsements')
    .values({
      candidacy_id: 'c-1',
      programme_id: 'defi-2026',
      manager_email: 'chef@agri.gouv.fr',
      manager_aad_id: null,
      status: 'endorsed',
      comment: ABOUT_MARIE[0]!,
      requested_at: AT,
      answered_at: AT,
      answered_by: 'chef-id',
    })
    .execute();
  await db
    .insertInto('candidacy_scores')
    .values([
      {
        candidacy_id: 'c-2',
        member_aad_id: MARIE,
        programme_id: 'defi-2026',
        score_values: '{"impact":4}',
        comment: 'Bon projet, à suivre',
        scored_at: AT,
      },
      {
        candidacy_id: 'c-1',
        member_aad_id: PAUL,
        programme_id: 'defi-2026',
        score_values: '{"impact":5}',
        comment: ABOUT_MARIE[1]!,
        scored_at: AT,
      },
    ])
    .execute();
  await db
    .insertInto('programmes')
    .values({
      id: 'defi-2026',
      name: 'Défi 2026',
      candidacy_open: '2026-09-01',
      data: JSON.stringify({ committee: [{ aadId: MARIE, name: 'Marie Dupont' }] }),
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('programme_team_people')
    .values([
      { programme_id: 'defi-2026', team_id: 't1', aad_id: MARIE, role: 'lead' },
      { programme_id: 'defi-2026', team_id: 't1', aad_id: PAUL, role: 'member' },
    ])
    .execute();
  await db
    .insertInto('programme_teams')
    .values({
      programme_id: 'defi-2026',
      team_id: 't1',
      number: 1,
      data: JSON.stringify({
        name: 'Kit à recruter',
        lead: { aadId: MARIE, name: 'Marie Dupont' },
      }),
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('checkin_answers')
    .values({
      programme_id: 'defi-2026',
      team_id: 't1',
      month: '2026-10',
      data: JSON.stringify({
        status: 'atRisk',
        progress: 40,
        done: MARIE_TEXTS[1],
        nextSteps: MARIE_TEXTS[2],
        help: { category: 'legal', text: MARIE_TEXTS[3] },
        indicators: {},
        answeredBy: { aadId: MARIE, name: 'Marie Dupont' },
      }),
      answered_by: MARIE,
      answered_at: AT,
      first_answered_at: AT,
      late: 0,
      revision: 1,
    })
    .execute();
  await db
    .insertInto('absences')
    .values({ aad_id: MARIE, until_day: '2026-10-20', declared_at: AT })
    .execute();
  const message = (key: string, target: unknown, text: string, state: string) => ({
    key,
    batch_id: null,
    target: JSON.stringify(target),
    payload: JSON.stringify({ kind: 'text', text }),
    state,
    not_before: AT,
    next_attempt_at: AT,
    attempts: 0,
    throttles: 0,
    lease_owner: null,
    lease_until: null,
    conversation_id: null,
    activity_id: null,
    last_error: null,
    created_at: AT,
    completed_at: null,
  });
  await outbox
    .insertInto('outbox')
    .values([
      message(
        'checkin:2026-11:defi-2026/t1/lead',
        { kind: 'user', userAadId: MARIE, tenantId: 't', teamId: 'x' },
        'Bonjour Marie Dupont',
        'pending',
      ),
      message(
        'digest:lab',
        { kind: 'conversation', conversationId: 'lab-channel' },
        'Équipe 1 (Marie Dupont) est en difficulté',
        'pending',
      ),
    ])
    .execute();
  await db
    .insertInto('programme_meetings')
    .values({
      programme_id: 'defi-2026',
      kind: 'monthlyExchange',
      team_id: 't1',
      period: '2026-11',
      subject: 'Défi du Lab — Échange mensuel — Équipe 1',
      starts_at: '2026-11-09T13:00:00.000Z',
      ends_at: '2026-11-09T14:00:00.000Z',
      time_zone: 'Europe/Paris',
      attendees: JSON.stringify([
        { aadId: MARIE, name: 'Marie Dupont' },
        { aadId: PAUL, name: 'Paul Martin' },
      ]),
      attendees_digest: 'digest',
      dropped_attendees: '[]',
      external_event_id: 'AAMk-1',
      ics_uid: 'defi-2026.monthlyExchange.t1.2026-11@labbot',
      sequence: 0,
      state: 'active',
      route: 'graph',
      last_error: null,
      updated_at: AT,
    })
    .execute();
  // Marie moved out of team 2: dropped from its exchange, she may still get its cancellation.
  await db
    .insertInto('programme_meetings')
    .values({
      programme_id: 'defi-2026',
      kind: 'monthlyExchange',
      team_id: 't2',
      period: '2026-11',
      subject: 'Défi du Lab — Échange mensuel — Équipe 2',
      starts_at: '2026-11-10T13:00:00.000Z',
      ends_at: '2026-11-10T14:00:00.000Z',
      time_zone: 'Europe/Paris',
      attendees: JSON.stringify([{ aadId: PAUL, name: 'Paul Martin' }]),
      attendees_digest: 'digest',
      dropped_attendees: JSON.stringify([{ aadId: MARIE, name: 'Marie Dupont', sequence: 1 }]),
      external_event_id: null,
      ics_uid: 'defi-2026.monthlyExchange.t2.2026-11@labbot',
      sequence: 1,
      state: 'active',
      route: 'ics',
      last_error: null,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      at: AT,
      actor: MARIE,
      action: 'candidacy.score',
      programme_id: 'defi-2026',
      subject_id: 'c-2',
      details: '{}',
    })
    .execute();
  await db
    .insertInto('export_tokens')
    .values({
      id: 'tok-1',
      programme_id: 'defi-2026',
      admin_aad_id: MARIE,
      format: 'xlsx',
      created_at: AT,
      expires_at: AT,
      used_at: null,
    })
    .execute();
}

/** Every row of every table the register names, as one lower-case text. */
async function dump(db: Kysely<Database>, except: string[] = []): Promise<string> {
  const parts: string[] = [];
  for (const entry of PERSONAL_DATA_REGISTER) {
    if (except.includes(entry.table)) continue;
    const rows = await sql`select * from ${sql.table(entry.table)}`.execute(db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n').toLowerCase();
}

for (const target of testDatabases()) {
  describe(`personal data store (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlPersonalDataStore;
    let db: Kysely<Database>;

    beforeEach(async () => {
      database = await target.open();
      db = database.db;
      store = new SqlPersonalDataStore(db);
      await seed(db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('finds a person by e-mail or by Entra id, whatever the case', async () => {
      const byEmail = await store.findPerson('Marie.Dupont@agri.gouv.fr');
      assert.equal(byEmail?.aadId, MARIE);
      assert.equal((await store.findPerson(MARIE.toUpperCase()))?.name, 'Marie Dupont');
      assert.equal(await store.findPerson('nobody@agri.gouv.fr'), undefined);
      assert.equal(await store.findPerson(''), undefined);
    });

    it("collects a person's rows by category, and nobody else's", async () => {
      const marie = (await store.findPerson(MARIE))!;
      const snapshot = await store.collect(marie);
      const count = (category: keyof typeof snapshot, table: string) =>
        snapshot[category][table]?.length ?? 0;
      assert.equal(count('profile', 'people'), 1);
      assert.equal(count('profile', 'conversations'), 1);
      assert.equal(count('candidacies', 'candidacies'), 1);
      assert.equal(snapshot.candidacies.candidacies?.[0]?.id, 'c-1');
      assert.equal(count('scores', 'candidacy_scores'), 1, 'the scores she gave, not received');
      assert.equal(snapshot.scores.candidacy_scores?.[0]?.candidacy_id, 'c-2');
      assert.equal(count('teams', 'programme_team_people'), 1);
      assert.equal(
        count('teams', 'programme_meetings'),
        2,
        'the meeting she is invited to, and the one she was dropped from',
      );
      assert.equal(count('followUp', 'checkin_answers'), 1);
      assert.equal(count('absences', 'absences'), 1);
      assert.equal(count('messages', 'outbox'), 1, 'messages to her, not the Lab digest');
      assert.equal(count('audit', 'audit_log'), 1);
      assert.equal(count('audit', 'export_tokens'), 1);
      const text = JSON.stringify(snapshot).toLowerCase();
      assert.ok(!text.includes('le projet de paul'), "Paul's candidacy is not hers");
      assert.ok(!text.includes(PAUL), "Paul's id appears nowhere");
    });

    it('erases a person: no id, name, e-mail or text of theirs is left, the figures stay', async () => {
      const before = await figures(db);
      const digestBefore = await digestFigures(db);
      assert.ok(Object.keys(digestBefore).length > 10, 'the digest counts something');
      const marie = (await store.findPerson(MARIE))!;
      const counts = await store.erase(marie, PSEUDONYM, {
        at: new Date(AT),
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      assert.equal(counts.deleted.people, 1);
      assert.equal(counts.deleted.absences, 1);
      assert.equal(counts.deleted.bot_state, 1);
      const text = await dump(db);
      for (const needle of [
        MARIE,
        'marie',
        'dupont',
        'marie.dupont@agri.gouv.fr',
        ...MARIE_TEXTS,
        ...ABOUT_MARIE,
        'bon projet, à suivre',
      ]) {
        const at = text.indexOf(needle.toLowerCase());
        assert.ok(
          at < 0,
          `"${needle}" is still stored: ${text.slice(Math.max(0, at - 80), at + 40)}`,
        );
      }
      assert.ok(text.includes('personne 7f3a'), 'the pseudonym stands in');
      assert.ok(text.includes('paul martin') && text.includes('le projet de paul'), 'Paul stays');
      assert.deepEqual(await figures(db), before);
      assert.deepEqual(await digestFigures(db), digestBefore, 'the digest’s figures do not move');
      const pending = await db
        .withTables<{ outbox: OutboxTable }>()
        .selectFrom('outbox')
        .select(['key', 'state', 'payload'])
        .orderBy('key')
        .execute();
      assert.deepEqual(
        pending.map((row) => [row.key, row.state]),
        [
          ['checkin:2026-11:defi-2026/t1/lead', 'failed'],
          ['digest:lab', 'pending'],
        ],
      );
      assert.ok(pending[1]!.payload.includes('Personne 7f3a'));
      const after = await store.collect({ aadId: MARIE, email: null, name: null });
      assert.ok(
        Object.values(after).every((tables) => Object.values(tables).every((r) => !r.length)),
      );
    });

    it('takes the person off waitlists: a waiting candidacy is withdrawn, a seat is kept', async () => {
      await db
        .updateTable('candidacies')
        .set({ status: 'waitlisted' })
        .where('id', '=', 'c-1')
        .execute();
      await db
        .updateTable('candidacies')
        .set({ status: 'waitlisted' })
        .where('id', '=', 'c-2')
        .execute();
      await store.erase((await store.findPerson(MARIE))!, PSEUDONYM, {
        at: new Date(AT),
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      const statuses = await db
        .selectFrom('candidacies')
        .select(['id', 'status'])
        .orderBy('id')
        .execute();
      assert.deepEqual(statuses, [
        { id: 'c-1', status: 'withdrawn' },
        { id: 'c-2', status: 'waitlisted' },
      ]);
    });

    it('erasing twice changes nothing the second time', async () => {
      const marie = (await store.findPerson(MARIE))!;
      const audit = {
        at: new Date(AT),
        actor: 'admin',
        action: 'personalData.erasure' as const,
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      };
      await store.erase(marie, PSEUDONYM, audit);
      const once = await dump(db, ['audit_log']);
      const again = await store.erase(marie, PSEUDONYM, audit);
      assert.deepEqual(again, { deleted: {}, pseudonymised: {} });
      assert.equal(await dump(db, ['audit_log']), once);
    });

    it('purges tokens after a day, sent payloads after 30 days, uninstalled chats after 30 days, once', async () => {
      const outbox = db.withTables<{ outbox: OutboxTable }>();
      await outbox
        .updateTable('outbox')
        .set({ state: 'sent', completed_at: AT })
        .where('key', '=', 'digest:lab')
        .execute();
      await db
        .updateTable('conversations')
        .set({ uninstalled_at: AT })
        .where('conversation_id', '=', 'a:conv-marie')
        .execute();
      const day = 24 * 60 * 60 * 1000;
      const at = (days: number) => new Date(new Date(AT).getTime() + days * day + 1);
      // A day and a bit: the token goes, the rest is not due.
      assert.deepEqual(await store.purgeExpired(at(1), RETENTION_DEFAULTS), {
        export_tokens: 1,
        outbox: 0,
        conversations: 0,
        bot_state: 0,
      });
      assert.deepEqual(await store.purgeExpired(at(29), RETENTION_DEFAULTS), {
        export_tokens: 0,
        outbox: 0,
        conversations: 0,
        bot_state: 0,
      });
      assert.deepEqual(await store.purgeExpired(at(30), RETENTION_DEFAULTS), {
        export_tokens: 0,
        outbox: 1,
        conversations: 1,
        bot_state: 1,
      });
      const sent = await outbox
        .selectFrom('outbox')
        .select(['key', 'state', 'payload', 'completed_at'])
        .where('key', '=', 'digest:lab')
        .executeTakeFirstOrThrow();
      assert.deepEqual(sent, {
        key: 'digest:lab',
        state: 'sent',
        payload: '{"kind":"text","text":""}',
        completed_at: AT,
      });
      const pending = await outbox
        .selectFrom('outbox')
        .select('payload')
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      assert.match(pending.payload, /Bonjour Marie Dupont/, 'a pending message keeps its card');
      assert.deepEqual(await store.purgeExpired(at(30), RETENTION_DEFAULTS), {
        export_tokens: 0,
        outbox: 0,
        conversations: 0,
        bot_state: 0,
      });
    });
  });
}

/** Every number of a digest's figures, by path: what the Lab reads, whatever the names. */
function numbersOf(value: unknown, path = ''): Record<string, number> {
  if (typeof value === 'number') return { [path]: value };
  if (value === null || typeof value !== 'object') return {};
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, child]) => numbersOf(child, `${path}.${key}`)),
  ) as Record<string, number>;
}

/** The programme's digest figures, as the digest's own SQL counts them. */
async function digestFigures(db: Kysely<Database>): Promise<Record<string, number>> {
  const source = new SqlDigestSource(db);
  return numbersOf({
    call: await source.countCall('defi-2026', new Date('2026-09-01T00:00:00.000Z')),
    selection: await source.countSelection('defi-2026', '2026-10-05'),
    followUp: await source.countFollowUp({
      programmeId: 'defi-2026',
      month: '2026-10',
      previousMonth: null,
      review: null,
      listLimit: 10,
    }),
  });
}

/** The figures a digest counts: candidacies by status, team seats, check-ins and their statuses. */
async function figures(db: Kysely<Database>): Promise<unknown> {
  const statuses = await db.selectFrom('candidacies').select(['status', 'seat_count']).execute();
  const people = await db.selectFrom('programme_team_people').select(['team_id', 'role']).execute();
  const checkins = await db.selectFrom('checkin_answers').select(['data', 'late']).execute();
  return {
    statuses: statuses.map((s) => `${s.status}:${s.seat_count}`).sort(),
    people: people.map((p) => `${p.team_id}:${p.role}`).sort(),
    checkins: checkins.map((c) => {
      const data = JSON.parse(c.data) as { status: string; progress: number; help: unknown };
      return [data.status, data.progress, (data.help as { category: string }).category, c.late];
    }),
  };
}

/** Paul's team candidacy naming Marie as its sponsor, and another naming a look-alike address. */
async function seedSponsoredTeams(db: Kysely<Database>): Promise<void> {
  const team = (id: string, sponsorEmail: string, applicant = PAUL) => ({
    id,
    programme_id: 'defi-2027',
    applicant_aad_id: applicant,
    applicant_name: 'Paul Martin',
    organisation_id: 'agri',
    mode: 'team',
    status: 'accepted',
    seat_count: 4,
    answers: JSON.stringify({
      mode: 'team',
      teamName: 'Les Semeurs',
      members: [],
      projectIdea: 'L’idée de l’équipe de Paul',
      sponsor: 'Marie Dupont, directrice',
      sponsorEmail,
      availableForKickOff: true,
      availableForHackathon: true,
    }),
    consent_at: AT,
    submitted_at: AT,
    updated_at: AT,
    decided_at: AT,
    decided_by: 'lab-admin',
    waitlisted_at: null,
    confirm_by: null,
    confirmed_at: null,
  });
  await db
    .insertInto('candidacies')
    .values([
      team('t-1', 'marie.dupont@agri.gouv.fr'),
      team('t-2', 'anne-marie.dupont@agri.gouv.fr', '5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f'),
    ])
    .execute();
}

for (const target of testDatabases()) {
  describe(`personal data store, a team's sponsor (${target.name})`, () => {
    let database: DatabaseHandle | undefined;
    let store: SqlPersonalDataStore;
    let db: Kysely<Database>;
    const answersOf = async (id: string): Promise<Record<string, unknown>> => {
      const row = await db
        .selectFrom('candidacies')
        .select(['answers', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const answers = JSON.parse(row.answers) as Record<string, unknown>;
      return { ...answers, status: row.status };
    };

    beforeEach(async () => {
      database = await target.open();
      db = database.db;
      store = new SqlPersonalDataStore(db);
      await seed(db);
      await seedSponsoredTeams(db);
    });

    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    it('gives the sponsor the line of the team’s form about them, not the referent’s answers', async () => {
      const snapshot = await store.collect((await store.findPerson(MARIE))!);
      const rows = snapshot.candidacies.candidacies ?? [];
      const sponsored = rows.filter((row) => row.named_as === 'sponsor');
      assert.deepEqual(
        sponsored.map((row) => row.id),
        ['t-1'],
        'the look-alike address is not hers',
      );
      assert.deepEqual(JSON.parse(String(sponsored[0]!.answers)), {
        sponsor: 'Marie Dupont, directrice',
        sponsorEmail: 'marie.dupont@agri.gouv.fr',
      });
      assert.doesNotMatch(JSON.stringify(snapshot), /L’idée de l’équipe de Paul|Les Semeurs/);
      // Her own candidacy is still there, whole.
      assert.ok(rows.some((row) => row.id === 'c-1' && row.applicant_aad_id === MARIE));
    });

    it('takes the sponsor’s name and address out of the team’s candidacy, and nothing else', async () => {
      await store.erase((await store.findPerson(MARIE))!, PSEUDONYM, {
        at: new Date(AT),
        actor: 'admin',
        action: 'personalData.erasure',
        programmeId: '',
        subjectId: PSEUDONYM.aadId,
        details: {},
      });
      const erased = await answersOf('t-1');
      assert.equal(erased.sponsorEmail, undefined);
      assert.equal(erased.sponsor, '');
      assert.equal(erased.projectIdea, 'L’idée de l’équipe de Paul');
      assert.equal(erased.status, 'accepted', 'Paul’s team keeps its seat');
      // Another person's address that contains hers is left whole.
      const other = await answersOf('t-2');
      assert.equal(other.sponsorEmail, 'anne-marie.dupont@agri.gouv.fr');
      const after = await store.collect({
        aadId: MARIE,
        email: 'marie.dupont@agri.gouv.fr',
        name: null,
      });
      assert.equal(
        (after.candidacies.candidacies ?? []).filter((row) => row.named_as === 'sponsor').length,
        0,
      );
    });
  });
}
