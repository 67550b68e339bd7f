import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditEntry } from '../../core/ports/audit-log';
import type {
  ErasureCounts,
  PersonalDataRow,
  PersonalDataSnapshot,
  PersonalDataStore,
  PersonRef,
  Pseudonym,
} from '../../core/ports/personal-data-store';
import {
  PERSONAL_DATA_CATEGORIES,
  PERSONAL_DATA_REGISTER,
  type RetentionDurations,
} from '../../core/personal-data/personal-data-register';
import { SEAT_HOLDING_STATUSES } from '../../core/candidacies/candidacy';
import type { Database } from './schema';
import { appendAuditRow, digestAuditContent } from './audit-chain';
import type { OutboxTable } from './sql-outbox-store';

/** The columns that identify a row of each table with content, to rewrite that row alone. */
const ROW_KEYS: Readonly<Record<string, readonly string[]>> = {
  bot_state: ['key'],
  lab_session_requests: ['id'],
  lab_session_drafts: ['aad_id'],
  lab_session_debriefs: ['request_id', 'kind', 'aad_id'],
  lab_session_participants: ['id'],
  lab_session_meetings: ['request_id'],
  candidacy_drafts: ['programme_id', 'applicant_aad_id'],
  candidacies: ['id'],
  candidacy_decisions: ['id'],
  candidacy_endorsements: ['candidacy_id'],
  candidacy_scores: ['candidacy_id', 'member_aad_id'],
  programmes: ['id'],
  programme_teams: ['programme_id', 'team_id'],
  formation_drafts: ['programme_id'],
  checkin_answers: ['programme_id', 'team_id', 'month'],
  review_answers: ['programme_id', 'team_id', 'review', 'kind'],
  outbox: ['key'],
  email_deliveries: ['key'],
  audit_log: ['id'],
  programme_team_people: ['programme_id', 'team_id', 'aad_id', 'role'],
  programme_people: ['programme_id', 'aad_id', 'role'],
  team_membership_pending: ['team_group_id', 'aad_id'],
  programme_meetings: ['programme_id', 'kind', 'team_id', 'period'],
  export_tokens: ['id'],
  conversations: ['conversation_id'],
  user_contexts: ['aad_id'],
  absences: ['aad_id'],
  erasure_requests: ['id'],
};

/**
 * Keys of JSON documents whose values are coded (statuses, choices, ids) and stay when the
 * person's free texts are emptied: the digests count and chart by them.
 */
const CODED_KEYS = new Set([
  'mode',
  'jobRole',
  'region',
  'themeWishes',
  'availableForKickOff',
  'availableForHackathon',
  'organisationCheckedBy',
  'status',
  'progress',
  'category',
  'decision',
  'answeredBy',
  'aadId',
]);

/** Marks a candidacy row of a snapshot that is there because it names the person as sponsor. */
const SPONSOR_ROLE = 'named_as';

/**
 * The part of a team candidacy that is about its sponsor, when it names `email` as such (the
 * LIKE that found it may have matched elsewhere), and the sponsor is not its referent.
 */
function toSponsorRow(row: PersonalDataRow, email: string, aadId: string): PersonalDataRow[] {
  let answers: { mode?: unknown; sponsor?: unknown; sponsorEmail?: unknown };
  try {
    answers = JSON.parse(String(row.answers)) as typeof answers;
  } catch {
    return [];
  }
  if (answers.mode !== 'team' || answers.sponsorEmail !== email) return [];
  if (String(row.applicant_aad_id).toLowerCase() === aadId) return [];
  return [
    {
      id: row.id ?? null,
      programme_id: row.programme_id ?? null,
      organisation_id: row.organisation_id ?? null,
      [SPONSOR_ROLE]: 'sponsor',
      answers: JSON.stringify({ sponsor: answers.sponsor, sponsorEmail: answers.sponsorEmail }),
    },
  ];
}

/** The id of a person known only by the address a Lab session lists them under. */
const GUEST_ID_PREFIX = 'guest:';

/** What an empty outbox payload is: a valid text payload with nothing in it. */
const PURGED_PAYLOAD = JSON.stringify({ kind: 'text', text: '' });

/**
 * Names shorter than this are not searched inside other people's sentences: "Li" would match
 * too many words. Exact values (a name alone in a field) are replaced whatever their length.
 */
const MIN_NAME_IN_TEXT = 3;

/** The tables of the schema and the outbox, which its store declares. */
type PersonalDatabase = Database & { outbox: OutboxTable };
type Db = Kysely<PersonalDatabase> | Transaction<PersonalDatabase>;

/** Reading and erasing one person's data in SQL, table by table of the register. */
export class SqlPersonalDataStore implements PersonalDataStore {
  private readonly db: Db;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ outbox: OutboxTable }>();
  }

  async findPerson(idOrEmail: string): Promise<PersonRef | undefined> {
    const needle = idOrEmail.trim().toLowerCase();
    if (needle === '') return undefined;
    const row = await this.db
      .selectFrom('people')
      .select(['aad_id', 'email', 'name'])
      .where((eb) => eb.or([eb(eb.fn('lower', ['aad_id']), '=', needle), eb('email', '=', needle)]))
      .orderBy('seen_at', 'desc')
      .executeTakeFirst();
    if (row !== undefined) return { aadId: row.aad_id, email: row.email, name: row.name };
    if (needle.includes('@')) {
      // An external guest of a Lab session (or a colleague added by address) never meets the
      // bot: they are known by their address alone, under an id no other row can hold.
      const guest = await sql<{ email: string; name: string }>`
        select email, name from lab_session_participants where email = ${needle} limit 1
      `.execute(this.db);
      const found = guest.rows[0];
      return found === undefined
        ? undefined
        : {
            aadId: `${GUEST_ID_PREFIX}${found.email}`,
            email: found.email,
            name: found.name || null,
          };
    }
    // Someone who never wrote to the bot may still have applied, scored or been placed in a team.
    const snapshot = await this.collect({ aadId: needle, email: null, name: null });
    const holds = Object.values(snapshot).some((tables) =>
      Object.values(tables).some((rows) => rows.length > 0),
    );
    return holds ? { aadId: needle, email: null, name: null } : undefined;
  }

  collect(person: PersonRef): Promise<PersonalDataSnapshot> {
    return this.collectIn(this.db, person);
  }

  private async collectIn(db: Db, person: PersonRef): Promise<PersonalDataSnapshot> {
    const id = person.aadId.toLowerCase();
    const email = person.email?.toLowerCase() ?? null;
    const lower = (column: string) => sql<string>`lower(${sql.ref(column)})`;
    const rows = async (query: { execute(): Promise<unknown[]> }) =>
      (await query.execute()) as PersonalDataRow[];

    const conversations = await rows(
      db.selectFrom('conversations').selectAll().where(lower('user_aad_id'), '=', id),
    );
    const conversationIds = conversations.map((c) => String(c.conversation_id));
    const candidacies = await rows(
      db.selectFrom('candidacies').selectAll().where(lower('applicant_aad_id'), '=', id),
    );
    const candidacyIds = candidacies.map((c) => String(c.id));
    const none = [''];

    const snapshot: PersonalDataSnapshot = Object.fromEntries(
      PERSONAL_DATA_CATEGORIES.map((category) => [category, {}]),
    ) as PersonalDataSnapshot;
    const put = (table: string, found: PersonalDataRow[]) => {
      const entry = PERSONAL_DATA_REGISTER.find((e) => e.table === table);
      if (entry !== undefined) snapshot[entry.category][table] = found;
    };

    put('people', await rows(db.selectFrom('people').selectAll().where(lower('aad_id'), '=', id)));
    put(
      'user_contexts',
      await rows(db.selectFrom('user_contexts').selectAll().where(lower('aad_id'), '=', id)),
    );
    put('conversations', conversations);
    put(
      'candidacy_drafts',
      await rows(
        db.selectFrom('candidacy_drafts').selectAll().where(lower('applicant_aad_id'), '=', id),
      ),
    );
    // A sponsor named by e-mail on a team's candidacy: that line of the form is about them, the
    // rest of the candidacy is the referent's and is not theirs to download.
    const sponsored =
      email === null || email === ''
        ? []
        : (
            await rows(
              db
                .selectFrom('candidacies')
                .select(['id', 'programme_id', 'organisation_id', 'applicant_aad_id', 'answers'])
                .where(
                  sql<boolean>`${sql.ref('answers')} like ${`%${escapeLike(email)}%`} escape '\\'`,
                ),
            )
          ).flatMap((row) => toSponsorRow(row, email, id));
    put('candidacies', [...candidacies, ...sponsored]);
    put(
      'candidacy_decisions',
      await rows(
        db
          .selectFrom('candidacy_decisions')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('candidacy_id', 'in', candidacyIds.length > 0 ? candidacyIds : none),
              eb(lower('decided_by'), '=', id),
            ]),
          )
          .orderBy('id'),
      ),
    );
    put(
      'candidacy_endorsements',
      await rows(
        db
          .selectFrom('candidacy_endorsements')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb(lower('manager_aad_id'), '=', id),
              eb(lower('answered_by'), '=', id),
              eb('manager_email', '=', email ?? ''),
            ]),
          ),
      ),
    );
    put(
      'candidacy_scores',
      await rows(
        db.selectFrom('candidacy_scores').selectAll().where(lower('member_aad_id'), '=', id),
      ),
    );
    put(
      'programme_team_people',
      await rows(
        db.selectFrom('programme_team_people').selectAll().where(lower('aad_id'), '=', id),
      ),
    );
    // Attendee lists are JSON; the LIKE finds candidates, the parsed list decides.
    put(
      'programme_meetings',
      (
        await rows(
          db
            .selectFrom('programme_meetings')
            .selectAll()
            .where((eb) =>
              eb.or([
                sql<boolean>`lower(${sql.ref('attendees')}) like ${`%${escapeLike(id)}%`} escape '\\'`,
                sql<boolean>`lower(${sql.ref('dropped_attendees')}) like ${`%${escapeLike(id)}%`} escape '\\'`,
              ]),
            ),
        )
      ).flatMap((row) => ownMeetingLines(row, id)),
    );
    put(
      'programme_people',
      await rows(db.selectFrom('programme_people').selectAll().where(lower('aad_id'), '=', id)),
    );
    put(
      'team_membership_pending',
      await rows(
        db.selectFrom('team_membership_pending').selectAll().where(lower('aad_id'), '=', id),
      ),
    );
    put(
      'checkin_answers',
      await rows(db.selectFrom('checkin_answers').selectAll().where(lower('answered_by'), '=', id)),
    );
    put(
      'review_answers',
      await rows(db.selectFrom('review_answers').selectAll().where(lower('answered_by'), '=', id)),
    );
    put(
      'absences',
      await rows(db.selectFrom('absences').selectAll().where(lower('aad_id'), '=', id)),
    );
    // The Lab sessions' tables are declared by their own store, outside the shared schema.
    const sessionRows = async (table: string, columns: string[]) =>
      (
        await sql<PersonalDataRow>`select * from ${sql.table(table)} where ${sql.join(
          columns.map((column) => sql`lower(${sql.ref(column)}) = ${id}`),
          sql` or `,
        )}`.execute(db)
      ).rows;
    put(
      'lab_session_requests',
      await sessionRows('lab_session_requests', [
        'requester_aad_id',
        'facilitator_1',
        'facilitator_2',
      ]),
    );
    put('lab_session_drafts', await sessionRows('lab_session_drafts', ['aad_id']));
    put('lab_session_debriefs', await sessionRows('lab_session_debriefs', ['aad_id']));
    // Where they take part in a session, by their id or their address. The people they added are
    // not theirs to download (erasure still replaces their id as the one who added them).
    put(
      'lab_session_participants',
      (
        await sql<PersonalDataRow>`select * from lab_session_participants
          where lower(aad_id) = ${id} or email = ${email ?? ''}
          order by request_id, position`.execute(db)
      ).rows,
    );
    // Qualification meetings they are invited to: their own line of the attendees only.
    put(
      'lab_session_meetings',
      (
        await sql<PersonalDataRow>`select * from lab_session_meetings
          where lower(attendees) like ${`%${escapeLike(id)}%`} escape '\\'
          or lower(dropped_attendees) like ${`%${escapeLike(id)}%`} escape '\\'
          order by starts_at, request_id`.execute(db)
      ).rows.flatMap((row) => ownMeetingLines(row, id)),
    );
    put('outbox', await this.outboxRowsOf(db, id, conversationIds));
    // The e-mail fallback's table is declared by its own store, outside the shared schema.
    put(
      'email_deliveries',
      (
        await sql<PersonalDataRow>`select * from email_deliveries where lower(recipient_aad_id) = ${id} order by created_at, key`.execute(
          db,
        )
      ).rows,
    );
    put(
      'erasure_requests',
      await rows(db.selectFrom('erasure_requests').selectAll().where(lower('aad_id'), '=', id)),
    );
    put(
      'export_tokens',
      await rows(db.selectFrom('export_tokens').selectAll().where(lower('admin_aad_id'), '=', id)),
    );
    put(
      'audit_log',
      await rows(
        db
          .selectFrom('audit_log')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb(lower('actor'), '=', id),
              eb(lower('subject_id'), '=', id),
              eb('subject_id', 'in', candidacyIds.length > 0 ? candidacyIds : none),
            ]),
          )
          .orderBy('id'),
      ),
    );
    return snapshot;
  }

  async erase(person: PersonRef, pseudonym: Pseudonym, audit: AuditEntry): Promise<ErasureCounts> {
    const counts: ErasureCounts = { deleted: {}, pseudonymised: {} };
    const add = (kind: keyof ErasureCounts, table: string, n: number | bigint | undefined) => {
      const value = Number(n ?? 0);
      if (value > 0) counts[kind][table] = (counts[kind][table] ?? 0) + value;
    };
    await this.db.transaction().execute(async (trx) => {
      const snapshot = await this.collectIn(trx, person);
      const id = person.aadId.toLowerCase();
      const lower = (column: string) => sql<string>`lower(${sql.ref(column)})`;
      const conversationIds = (snapshot.profile.conversations ?? []).map((c) =>
        String(c.conversation_id),
      );
      // The candidacies they applied with; those naming them as sponsor only lose that line.
      const applied = (snapshot.candidacies.candidacies ?? []).filter(
        (c) => c[SPONSOR_ROLE] === undefined,
      );
      const sponsoredIds = (snapshot.candidacies.candidacies ?? [])
        .filter((c) => c[SPONSOR_ROLE] !== undefined)
        .map((c) => String(c.id));
      const candidacyIds = applied.map((c) => String(c.id));
      const ownCandidacy = candidacyIds.length > 0 ? candidacyIds : [''];
      const names = new Set(
        [
          person.name,
          ...applied.map((c) => c.applicant_name),
          ...(snapshot.candidacies.candidacy_drafts ?? []).map((c) => c.applicant_name),
          // The name they are listed under on a Lab session may not be their directory name.
          ...(snapshot.labSessions.lab_session_participants ?? [])
            .filter(
              (p) =>
                String(p.aad_id ?? '').toLowerCase() === id ||
                (person.email !== null && p.email === person.email.toLowerCase()),
            )
            .map((p) => p.name),
        ].filter((name): name is string => typeof name === 'string' && name.trim() !== ''),
      );
      const replacer = createReplacer(person, [...names], pseudonym);

      // What is not needed any more goes: profile, references, drafts, absences.
      add(
        'deleted',
        'people',
        (
          await trx
            .deleteFrom('people')
            .where((eb) =>
              eb.or([
                eb(lower('aad_id'), '=', id),
                eb('email', '=', person.email?.toLowerCase() ?? ''),
              ]),
            )
            .executeTakeFirst()
        ).numDeletedRows,
      );
      // Nobody is added to a Teams team under a pseudonym: the wait for it goes too.
      for (const table of ['user_contexts', 'absences', 'team_membership_pending'] as const) {
        add(
          'deleted',
          table,
          (await trx.deleteFrom(table).where(lower('aad_id'), '=', id).executeTakeFirst())
            .numDeletedRows,
        );
      }
      add(
        'deleted',
        'conversations',
        (
          await trx
            .deleteFrom('conversations')
            .where(lower('user_aad_id'), '=', id)
            .executeTakeFirst()
        ).numDeletedRows,
      );
      if (conversationIds.length > 0) {
        // teams-ai keys its state by conversation: `<channel>/<bot>/conversations/<id>`.
        const states = await trx.selectFrom('bot_state').select('key').execute();
        const keys = states
          .map((row) => row.key)
          .filter((key) => conversationIds.some((c) => key.includes(c)));
        if (keys.length > 0) {
          add(
            'deleted',
            'bot_state',
            (await trx.deleteFrom('bot_state').where('key', 'in', keys).executeTakeFirst())
              .numDeletedRows,
          );
        }
      }
      add(
        'deleted',
        'candidacy_drafts',
        (
          await trx
            .deleteFrom('candidacy_drafts')
            .where(lower('applicant_aad_id'), '=', id)
            .executeTakeFirst()
        ).numDeletedRows,
      );

      // Messages still pending to them are cancelled, and their cards emptied.
      const outboxKeys = (snapshot.messages.outbox ?? []).map((row) => String(row.key));
      if (outboxKeys.length > 0) {
        const now = audit.at.toISOString();
        await trx
          .updateTable('outbox')
          .set({ state: 'failed', last_error: 'cancelled: person erased', completed_at: now })
          .where('key', 'in', outboxKeys)
          .where('state', '=', 'pending')
          .execute();
        const purged = await trx
          .updateTable('outbox')
          .set({ payload: PURGED_PAYLOAD })
          .where('key', 'in', outboxKeys)
          .executeTakeFirst();
        add('pseudonymised', 'outbox', purged.numUpdatedRows);
      }

      // E-mails not sent yet to them are cancelled, their messages emptied.
      const emailKeys = (snapshot.messages.email_deliveries ?? []).map((row) => String(row.key));
      if (emailKeys.length > 0) {
        await sql`update email_deliveries set state = 'failed', reason = 'cancelled: person erased', completed_at = ${audit.at.toISOString()}, lease_owner = null, lease_until = null where state = 'pending' and key in (${sql.join(emailKeys)})`.execute(
          trx,
        );
        await sql`update email_deliveries set payload = ${PURGED_PAYLOAD} where key in (${sql.join(emailKeys)})`.execute(
          trx,
        );
      }

      // They leave waitlists and calls in progress: a candidacy still waiting is withdrawn, so
      // nobody is promoted, reminded or counted as waiting under a pseudonym.
      if (candidacyIds.length > 0) {
        add(
          'pseudonymised',
          'candidacies',
          (
            await trx
              .updateTable('candidacies')
              .set({ status: 'withdrawn', updated_at: audit.at.toISOString() })
              .where('id', 'in', candidacyIds)
              .where('status', 'in', ['submitted', 'waitlisted'])
              .executeTakeFirst()
          ).numUpdatedRows,
        );
      }

      // Texts they wrote, or written about them on their own candidacy, are emptied.
      add(
        'pseudonymised',
        'candidacy_scores',
        (
          await trx
            .updateTable('candidacy_scores')
            .set({ comment: '' })
            .where((eb) =>
              eb.or([eb(lower('member_aad_id'), '=', id), eb('candidacy_id', 'in', ownCandidacy)]),
            )
            .executeTakeFirst()
        ).numUpdatedRows,
      );
      await trx
        .updateTable('candidacy_endorsements')
        .set({ comment: '' })
        .where((eb) =>
          eb.or([
            eb(lower('manager_aad_id'), '=', id),
            eb('manager_email', '=', person.email?.toLowerCase() ?? ''),
            eb('candidacy_id', 'in', ownCandidacy),
          ]),
        )
        .execute();
      await trx
        .updateTable('candidacy_decisions')
        .set({ note: '' })
        .where('candidacy_id', 'in', ownCandidacy)
        .execute();
      for (const row of applied) {
        await trx
          .updateTable('candidacies')
          .set({ answers: JSON.stringify(emptyFreeTexts(JSON.parse(String(row.answers)))) })
          .where('id', '=', String(row.id))
          .execute();
      }
      // A sponsor's name and address leave the teams' candidacies: nobody writes to them again.
      for (const candidacyId of sponsoredIds) {
        const current = await trx
          .selectFrom('candidacies')
          .select('answers')
          .where('id', '=', candidacyId)
          .executeTakeFirst();
        if (current === undefined) continue;
        const { sponsorEmail: _gone, ...answers } = JSON.parse(current.answers) as Record<
          string,
          unknown
        >;
        await trx
          .updateTable('candidacies')
          .set({ answers: JSON.stringify({ ...answers, sponsor: '' }) })
          .where('id', '=', candidacyId)
          .execute();
        add('pseudonymised', 'candidacies', 1);
      }
      const checkins = await trx
        .selectFrom('checkin_answers')
        .selectAll()
        .where(lower('answered_by'), '=', id)
        .execute();
      for (const row of checkins) {
        await trx
          .updateTable('checkin_answers')
          .set({ data: JSON.stringify(emptyFreeTexts(JSON.parse(row.data))) })
          .where('programme_id', '=', row.programme_id)
          .where('team_id', '=', row.team_id)
          .where('month', '=', row.month)
          .execute();
      }
      const reviews = await trx
        .selectFrom('review_answers')
        .selectAll()
        .where(lower('answered_by'), '=', id)
        .execute();
      for (const row of reviews) {
        await trx
          .updateTable('review_answers')
          .set({ data: JSON.stringify(emptyFreeTexts(JSON.parse(row.data))) })
          .where('programme_id', '=', row.programme_id)
          .where('team_id', '=', row.team_id)
          .where('review', '=', row.review)
          .where('kind', '=', row.kind)
          .execute();
      }

      // Everywhere else, the id, the e-mail and the name become the pseudonym.
      const rewrittenAudit: number[] = [];
      for (const entry of PERSONAL_DATA_REGISTER) {
        if (entry.table === 'people') continue;
        const touched = await rewriteTable(trx, entry, replacer, undefined, (row) => {
          if (entry.table === 'audit_log') rewrittenAudit.push(Number(row.id));
        });
        add('pseudonymised', entry.table, touched);
      }
      // Audit rows rewritten here are resealed by the erasure's own entry, itself chained, so
      // `labbot audit verify` tells this rewrite from tampering.
      const resealed: Record<string, string> = {};
      if (rewrittenAudit.length > 0) {
        const rows = await trx
          .selectFrom('audit_log')
          .selectAll()
          .where('id', 'in', rewrittenAudit)
          .execute();
        for (const row of rows) resealed[String(row.id)] = digestAuditContent(row);
      }
      // The outbox is the one table the shared schema lacks; the audit log is in both.
      await appendAuditRow(trx as unknown as Transaction<Database>, {
        ...audit,
        details: { ...audit.details, ...(rewrittenAudit.length > 0 ? { resealed } : {}) },
      });
    });
    return counts;
  }

  async purgeExpired(now: Date, durations: RetentionDurations): Promise<Record<string, number>> {
    const day = 24 * 60 * 60 * 1000;
    const before = (days: number) => new Date(now.getTime() - days * day).toISOString();
    const counts: Record<string, number> = {};
    await this.db.transaction().execute(async (trx) => {
      const tokens = await trx
        .deleteFrom('export_tokens')
        .where('created_at', '<', before(durations.exportTokenDays))
        .executeTakeFirst();
      counts.export_tokens = Number(tokens.numDeletedRows);
      const payloads = await trx
        .updateTable('outbox')
        .set({ payload: PURGED_PAYLOAD })
        .where('state', '!=', 'pending')
        .where('completed_at', '<', before(durations.outboxPayloadDays))
        .where('payload', '!=', PURGED_PAYLOAD)
        .executeTakeFirst();
      counts.outbox = Number(payloads.numUpdatedRows);
      const gone = await trx
        .selectFrom('conversations')
        .select('conversation_id')
        .where('uninstalled_at', '<', before(durations.uninstalledConversationDays))
        .execute();
      const ids = gone.map((row) => row.conversation_id);
      counts.conversations = 0;
      counts.bot_state = 0;
      if (ids.length > 0) {
        const states = await trx.selectFrom('bot_state').select('key').execute();
        const keys = states.map((row) => row.key).filter((key) => ids.some((c) => key.includes(c)));
        if (keys.length > 0) {
          const deleted = await trx
            .deleteFrom('bot_state')
            .where('key', 'in', keys)
            .executeTakeFirst();
          counts.bot_state = Number(deleted.numDeletedRows);
        }
        const deleted = await trx
          .deleteFrom('conversations')
          .where('conversation_id', 'in', ids)
          .executeTakeFirst();
        counts.conversations = Number(deleted.numDeletedRows);
      }
    });
    return counts;
  }

  async purgeProgramme(
    programmeId: string,
    rules: { drafts: boolean; unselected: boolean; participants: boolean },
    pseudonymOf: (aadId: string) => Pseudonym,
  ): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const add = (table: string, n: number | bigint | undefined) => {
      const value = Number(n ?? 0);
      if (value > 0) counts[table] = (counts[table] ?? 0) + value;
    };
    await this.db.transaction().execute(async (trx) => {
      if (rules.drafts) {
        add(
          'candidacy_drafts',
          (
            await trx
              .deleteFrom('candidacy_drafts')
              .where('programme_id', '=', programmeId)
              .executeTakeFirst()
          ).numDeletedRows,
        );
      }
      if (rules.unselected) {
        const gone = await trx
          .selectFrom('candidacies')
          .select('id')
          .where('programme_id', '=', programmeId)
          .where('status', 'not in', SEAT_HOLDING_STATUSES)
          .execute();
        const ids = gone.map((row) => row.id);
        if (ids.length > 0) {
          // Committee comments and endorsements go with their candidacy.
          for (const table of [
            'candidacy_scores',
            'candidacy_endorsements',
            'candidacy_decisions',
          ] as const) {
            add(
              table,
              (await trx.deleteFrom(table).where('candidacy_id', 'in', ids).executeTakeFirst())
                .numDeletedRows,
            );
          }
          add(
            'candidacies',
            (await trx.deleteFrom('candidacies').where('id', 'in', ids).executeTakeFirst())
              .numDeletedRows,
          );
        }
      }
      if (rules.participants) {
        await pseudonymiseProgramme(trx, programmeId, pseudonymOf, add);
        add(
          'team_membership_pending',
          (
            await trx
              .deleteFrom('team_membership_pending')
              .where('programme_id', '=', programmeId)
              .executeTakeFirst()
          ).numDeletedRows,
        );
      }
    });
    return counts;
  }

  private async outboxRowsOf(
    db: Db,
    id: string,
    conversationIds: string[],
  ): Promise<PersonalDataRow[]> {
    const candidates = await db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(${sql.ref('target')})`, 'like', `%${escapeLike(id)}%`),
          eb('conversation_id', 'in', conversationIds.length > 0 ? conversationIds : ['']),
          ...conversationIds.map((c) => eb('target', 'like', `%${escapeLike(c)}%`)),
        ]),
      )
      .orderBy('created_at')
      .execute();
    // The LIKE is a coarse filter; the target itself decides.
    return candidates.filter((row) => {
      const target = JSON.parse(row.target) as { userAadId?: string; conversationId?: string };
      return (
        target.userAadId?.toLowerCase() === id ||
        (target.conversationId !== undefined && conversationIds.includes(target.conversationId)) ||
        (row.conversation_id !== null && conversationIds.includes(row.conversation_id))
      );
    });
  }
}

/**
 * A meeting row as one person may download it: their own line of the attendees and of those
 * dropped (the other attendees are other people's data), or nothing when they are on neither.
 */
function ownMeetingLines(row: PersonalDataRow, id: string): PersonalDataRow[] {
  const ownOf = (column: unknown) =>
    (JSON.parse(typeof column === 'string' ? column : '[]') as { aadId: string }[]).filter(
      (attendee) => attendee.aadId.toLowerCase() === id,
    );
  const own = ownOf(row.attendees);
  const dropped = ownOf(row.dropped_attendees);
  return own.length === 0 && dropped.length === 0
    ? []
    : [{ ...row, attendees: JSON.stringify(own), dropped_attendees: JSON.stringify(dropped) }];
}

/** Tables scoped by programme, where a participant's traces are rewritten. */
const PROGRAMME_TABLES = [
  'candidacies',
  'candidacy_endorsements',
  'candidacy_scores',
  'candidacy_decisions',
  'programme_teams',
  'programme_team_people',
  'programme_meetings',
  'formation_drafts',
  'checkin_answers',
  'review_answers',
] as const;

/**
 * Replaces, within one programme, every participant's id and name by their pseudonym and empties
 * the texts they wrote; statuses, scores and dates stay, so the programme's figures do not move.
 */
async function pseudonymiseProgramme(
  trx: Transaction<PersonalDatabase>,
  programmeId: string,
  pseudonymOf: (aadId: string) => Pseudonym,
  add: (table: string, n: number | bigint | undefined) => void,
): Promise<void> {
  const placed = await trx
    .selectFrom('programme_team_people')
    .select('aad_id')
    .where('programme_id', '=', programmeId)
    .where('aad_id', 'not like', 'pseudonym-%')
    .execute();
  const applicants = await trx
    .selectFrom('candidacies')
    .select(['applicant_aad_id', 'applicant_name'])
    .where('programme_id', '=', programmeId)
    .where('applicant_aad_id', 'not like', 'pseudonym-%')
    .execute();
  const ids = [
    ...new Set([...placed.map((p) => p.aad_id), ...applicants.map((a) => a.applicant_aad_id)]),
  ];
  if (ids.length === 0) return;
  // Texts first: candidacies' answers, check-ins and reviews, committee and manager comments.
  for (const row of await trx
    .selectFrom('candidacies')
    .select(['id', 'answers'])
    .where('programme_id', '=', programmeId)
    .where('applicant_aad_id', 'in', ids)
    .execute()) {
    await trx
      .updateTable('candidacies')
      .set({ answers: JSON.stringify(emptyFreeTexts(JSON.parse(row.answers))) })
      .where('id', '=', row.id)
      .execute();
  }
  for (const row of await trx
    .selectFrom('checkin_answers')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .execute()) {
    await trx
      .updateTable('checkin_answers')
      .set({ data: JSON.stringify(emptyFreeTexts(JSON.parse(row.data))) })
      .where('programme_id', '=', programmeId)
      .where('team_id', '=', row.team_id)
      .where('month', '=', row.month)
      .execute();
  }
  for (const row of await trx
    .selectFrom('review_answers')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .execute()) {
    await trx
      .updateTable('review_answers')
      .set({ data: JSON.stringify(emptyFreeTexts(JSON.parse(row.data))) })
      .where('programme_id', '=', programmeId)
      .where('team_id', '=', row.team_id)
      .where('review', '=', row.review)
      .where('kind', '=', row.kind)
      .execute();
  }
  await trx
    .updateTable('candidacy_scores')
    .set({ comment: '' })
    .where('programme_id', '=', programmeId)
    .execute();
  await trx
    .updateTable('candidacy_endorsements')
    .set({ comment: '' })
    .where('programme_id', '=', programmeId)
    .execute();
  const names = await trx
    .selectFrom('people')
    .select(['aad_id', 'name', 'email'])
    .where('aad_id', 'in', ids)
    .execute();
  for (const aadId of ids) {
    const known = names.find((n) => n.aad_id === aadId);
    const applicantNames = applicants
      .filter((a) => a.applicant_aad_id === aadId)
      .map((a) => a.applicant_name);
    const person: PersonRef = { aadId, email: known?.email ?? null, name: known?.name ?? null };
    const replacer = createReplacer(
      person,
      [...(known ? [known.name] : []), ...applicantNames],
      pseudonymOf(aadId),
    );
    for (const table of PROGRAMME_TABLES) {
      const entry = PERSONAL_DATA_REGISTER.find((e) => e.table === table);
      if (entry !== undefined) add(table, await rewriteTable(trx, entry, replacer, programmeId));
    }
  }
}

/** Replaces the person's id, e-mail and name in a text: whole values, and inside sentences. */
interface Replacer {
  needles: string[];
  replace(text: string): string;
}

function createReplacer(person: PersonRef, names: string[], pseudonym: Pseudonym): Replacer {
  const pairs: [string, string][] = [[person.aadId, pseudonym.aadId]];
  if (person.email !== null && person.email !== '') pairs.push([person.email, pseudonym.email]);
  // Longest first, so "Marie Dupont" goes before a shorter "Marie".
  const trimmed = names.map((name) => name.trim()).sort((a, b) => b.length - a.length);
  for (const name of trimmed) {
    if (name.length >= MIN_NAME_IN_TEXT) pairs.push([name, pseudonym.name]);
  }
  const patterns = pairs.map(([from, to]) => {
    // An address is replaced whole, never inside a longer one ("anne-marie.dupont@…").
    const pattern = from.includes('@')
      ? `(?<![\\w.%+-])${escapeRegExp(from)}(?![\\w.-])`
      : escapeRegExp(from);
    return [new RegExp(pattern, 'gi'), to] as [RegExp, string];
  });
  const exact = new Set(trimmed.map((name) => name.toLowerCase()));
  return {
    needles: [...pairs.map(([from]) => from.toLowerCase()), ...exact],
    replace(text) {
      if (exact.has(text.trim().toLowerCase())) return pseudonym.name;
      return patterns.reduce((acc, [pattern, to]) => acc.replace(pattern, to), text);
    },
  };
}

/** Rewrites every row of a table that mentions the person, column by column; returns how many. */
async function rewriteTable(
  trx: Transaction<PersonalDatabase>,
  entry: (typeof PERSONAL_DATA_REGISTER)[number],
  replacer: Replacer,
  programmeId?: string,
  onRewrite?: (row: PersonalDataRow) => void,
): Promise<number> {
  const columns = [...entry.personColumns, ...entry.contentColumns];
  const keys = ROW_KEYS[entry.table] ?? entry.personColumns;
  if (columns.length === 0) return 0;
  const needles = [...new Set(replacer.needles)];
  const conditions = columns.flatMap((column) =>
    needles.map(
      (needle) => sql`lower(${sql.ref(column)}) like ${`%${escapeLike(needle)}%`} escape '\\'`,
    ),
  );
  const scope =
    programmeId === undefined ? sql`` : sql` and ${sql.ref('programme_id')} = ${programmeId}`;
  const found = await sql<PersonalDataRow>`
    select * from ${sql.table(entry.table)} where (${sql.join(conditions, sql` or `)})${scope}
  `.execute(trx);
  let touched = 0;
  for (const row of found.rows) {
    const changes: [string, string][] = [];
    for (const column of columns) {
      const value = row[column];
      if (typeof value !== 'string') continue;
      const next = entry.contentColumns.includes(column)
        ? rewriteDocument(value, replacer)
        : replacer.replace(value);
      if (next !== value) changes.push([column, next]);
    }
    if (changes.length === 0) continue;
    await sql`
      update ${sql.table(entry.table)}
      set ${sql.join(changes.map(([column, value]) => sql`${sql.ref(column)} = ${value}`))}
      where ${sql.join(
        keys.map((key) => sql`${sql.ref(key)} = ${row[key] ?? null}`),
        sql` and `,
      )}
    `.execute(trx);
    onRewrite?.(row);
    touched += 1;
  }
  return touched;
}

/** A JSON document with every string rewritten; plain text when it is not JSON. */
function rewriteDocument(text: string, replacer: Replacer): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return replacer.replace(text);
  }
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return replacer.replace(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return JSON.stringify(walk(parsed));
}

/** The document with every free text emptied; coded values (statuses, choices) stay. */
export function emptyFreeTexts(value: unknown, key?: string): unknown {
  if (key !== undefined && CODED_KEYS.has(key)) return value;
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return value.map((item) => emptyFreeTexts(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, emptyFreeTexts(v, k)]));
  }
  return value;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
