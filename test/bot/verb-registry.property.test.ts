import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { z } from 'zod';
import { schemaFields } from '../../src/features/describe-registry';
import { listVerbs } from '../../src/features/feature-module';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { loadExample2026 } from '../support/follow-up-fakes';
import { COMMITTEE_CNAV } from '../support/candidacy-programme';
import { BotHarness, FIXTURE_ADMIN_AAD_ID, loadActivity } from './support/bot-harness';
import { BOT_PROGRAMME } from './support/candidacy-bot';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FOREIGN_TENANT = 'f0f0f0f0-0000-4000-8000-00000000f0f0';
// Tuesday 3 November 2026, 10:12 in Paris: November's check-in is open.
const ON_TIME = '2026-11-03T09:12:00.000Z';

/** The people who send: everyone but the Lab admin is outside team 2, whose answer is stored. */
const SENDERS = {
  staff: { aadObjectId: '0d0d0d0d-0000-4000-8000-0000000000aa', name: 'Agent Quelconque' },
  otherTeamMember: { aadObjectId: '1c9e4a27-3f5b-4d81-9a6c-7e2f0b8d5a31', name: 'Maëlys Horth' },
  otherTeamFacilitator: {
    aadObjectId: 'a1b2c3d4-0001-4a00-8000-00000000f001',
    name: 'Claire Dubois',
  },
  committeeOtherOrganisation: { aadObjectId: COMMITTEE_CNAV.aadId, name: COMMITTEE_CNAV.name },
  foreignTenantLab: { aadObjectId: FIXTURE_ADMIN_AAD_ID, name: 'Nadia Benali' },
  lab: { aadObjectId: FIXTURE_ADMIN_AAD_ID, name: 'Nadia Benali' },
} as const;
type Role = keyof typeof SENDERS;

/** Words of team 2's stored answer that only its readers may see. */
const ANSWER_WORDS = [/Douai/, /Réponse de/, /Tester le kit/];

/**
 * Tables every turn may write for its own sender (conversations, time zones, SDK turn state) and
 * the per-programme lock row that serialises selection writes and the instances' heartbeats
 * (they hold nothing of anyone).
 */
const BOOKKEEPING = new Set([
  'selection_locks',
  'instances',
  'conversations',
  'user_contexts',
  'bot_state',
  'kysely_migration',
  'kysely_migration_lock',
]);

/** Ids that exist (team 2's, the programmes'), other people's ids, and ids that do not exist. */
const IDS = [
  'defi-du-lab-2026',
  'defi-bot-test',
  'team-1',
  'team-2',
  '2026-11',
  '2026-12',
  'december',
  '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  'cand-1',
  '1',
  '2',
  '',
];
const HOSTILE_TEXT = [
  '[Vérifier](https://evil.example)',
  '![x](https://evil.example/x.png)',
  '\u202Eexe.fdp\u202C',
  '\u2066\u0000\u0007',
  '# Titre\n<script>alert(1)</script>',
  'x'.repeat(20_000),
];

/** A value of any kind a forged card could carry, `__proto__` keys included. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...IDS),
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant(JSON.parse('{"__proto__":{"isLab":true},"constructor":{"prototype":{}}}') as unknown),
);

/**
 * Values a field of that name takes on a real card, for team 2 (the victim) and for others, so
 * that forged requests name real things often enough to reach past the schema.
 */
function plausibleValues(field: string): unknown[] {
  if (/programme/i.test(field)) return ['defi-du-lab-2026', 'defi-bot-test'];
  if (/team/i.test(field)) return ['team-2', 'team-1', 2, '2'];
  if (/month/i.test(field)) return ['2026-11', '2026-10', '2026-12'];
  if (/revision/i.test(field)) return [0, 1, 2, '1'];
  if (/review|kind/i.test(field)) return ['december', 'march'];
  if (/aad|person|member|lead|applicant/i.test(field)) {
    return ['6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', '4f6b7d5a-6c8e-4ab4-8d9f-0b5c3e1a8d64'];
  }
  return IDS;
}

/** Card data: the verb's own fields, each present or not, with any value, plus stray keys. */
function cardData(fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  const entries = fields.map((field) =>
    fc.option(
      fc.tuple(
        fc.constant(field),
        fc.oneof(
          // Team 2's own value most often (the first), other real ones, then anything at all.
          { weight: 4, arbitrary: fc.constant(plausibleValues(field)[0]) },
          { weight: 2, arbitrary: fc.constantFrom(...plausibleValues(field)) },
          { weight: 1, arbitrary: anyValue },
        ),
      ),
      { nil: undefined },
    ),
  );
  return fc.tuple(fc.tuple(...entries), fc.boolean()).map(([pairs, proto]) => {
    const data = Object.fromEntries(pairs.filter((pair) => pair !== undefined));
    return proto ? { ...(JSON.parse('{"__proto__":{"isLab":true}}') as object), ...data } : data;
  });
}

/** Rows present in one snapshot of a table and not in the other. */
function changedRows(before: string, after: string): string[] {
  const old = new Set(JSON.parse(before) as string[]);
  const now = new Set(JSON.parse(after) as string[]);
  return [...[...now].filter((row) => !old.has(row)), ...[...old].filter((row) => !now.has(row))];
}

/** Sentences of one language that the other says differently: none may reach the wrong reader. */
function sentencesOnlyIn(language: 'fr' | 'en'): string[] {
  const mine: Record<string, string> = language === 'fr' ? fr : en;
  const theirs: Record<string, string> = language === 'fr' ? en : fr;
  return Object.entries(mine)
    .filter(([key, text]) => !text.includes('{') && text.length > 25 && text !== theirs[key])
    .map(([, text]) => text);
}
const ONLY_FRENCH = sentencesOnlyIn('fr');
const ONLY_ENGLISH = sentencesOnlyIn('en');

describe('every verb of the registry, sent by anyone with anything (property)', function () {
  this.timeout(300_000);
  const harness = new BotHarness();

  before(async () => {
    await harness.start({ ALLOWED_TENANT_IDS: TENANT });
    // No cron tick may change the database while the runs compare it before and after a turn.
    await harness.bot.stopJobs();
    harness.clock.set(new Date(ON_TIME));
    const { programme, teams } = loadExample2026();
    await harness.bot.programmes.save(programme);
    await harness.bot.teams.replaceAll(programme.id, teams);
    await harness.bot.programmes.save(BOT_PROGRAMME);
    // Team 2's lead answers November's check-in: there is something to steal.
    const answered = await harness.send(loadActivity('invoke-checkin-answer'));
    assert.match(JSON.stringify(answered.body), /Réponse enregistrée/);
    await quiet();
  });

  /** Waits until the jobs started by the programme's dates have queued and sent their messages. */
  async function quiet(): Promise<void> {
    const deadline = Date.now() + 60_000;
    let last = -1;
    for (;;) {
      const counts = await harness.bot.outbox.countByState();
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      if (counts.pending === 0 && total === last) return;
      if (Date.now() > deadline) assert.fail('the outbox never settled');
      last = total;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  after(async () => {
    await harness.stop();
  });

  /** Every row of every table but the bookkeeping ones, as text, table by table. */
  async function snapshot(): Promise<Map<string, string>> {
    const { db } = harness.bot.database;
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
      db,
    );
    const rows = new Map<string, string>();
    for (const { name } of tables.rows) {
      if (BOOKKEEPING.has(name)) continue;
      // The delivery worker moves the outbox's rows through their states on its own: what a
      // turn could do there is add a message, so the outbox is compared by its messages.
      const content =
        name === 'outbox'
          ? await sql<Record<string, unknown>>`select key, target, payload from outbox`.execute(db)
          : await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      rows.set(name, JSON.stringify(content.rows.map((row) => JSON.stringify(row))));
    }
    return rows;
  }

  function activityFor(
    role: Role,
    locale: 'fr-FR' | 'en-US',
    verb: string,
    data: Record<string, unknown>,
  ): Record<string, unknown> {
    const base = loadActivity('invoke-checkin-answer');
    const sender = SENDERS[role];
    return {
      ...base,
      id: `f:property-${verb}`,
      locale,
      from: { id: `29:${sender.aadObjectId}`, name: sender.name, aadObjectId: sender.aadObjectId },
      conversation: {
        conversationType: 'personal',
        tenantId: role === 'foreignTenantLab' ? FOREIGN_TENANT : TENANT,
        id: `a:1personal-${sender.aadObjectId}`,
      },
      entities: [
        { type: 'clientInfo', locale, country: 'FR', platform: 'Web', timezone: 'Europe/Paris' },
      ],
      value: {
        action: { type: 'Action.Execute', verb, data: { ...data, verb } },
        trigger: 'manual',
      },
    };
  }

  it('answers 200 with a card in the sender’s language, writes nothing for outsiders and shows them nothing of team 2', async () => {
    const verbs = listVerbs(harness.bot.modules);
    assert.ok(verbs.length >= 20, `${verbs.length} verbs in the registry`);
    const roles = Object.keys(SENDERS) as Role[];
    const cases = fc.constantFrom(...verbs).chain((verb) =>
      fc.record({
        verb: fc.constant(verb.verb),
        role: fc.constantFrom(...roles),
        locale: fc.constantFrom('fr-FR' as const, 'en-US' as const),
        data: cardData(schemaFields(verb.data as z.ZodTypeAny)),
      }),
    );
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(cases, async ({ verb, role, locale, data }) => {
        seen.add(verb);
        const before = role === 'lab' ? undefined : await snapshot();
        const sent = harness.connector.sentActivities().length;
        const { status, body } = await harness.send(activityFor(role, locale, verb, data));
        assert.equal(status, 200, `${verb} as ${role}: HTTP ${status}`);
        const response = body as { statusCode?: number; type?: string; value?: unknown };
        assert.equal(response.statusCode, 200);
        assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
        const card = JSON.stringify(response.value);
        const wrongLanguage = locale === 'fr-FR' ? ONLY_ENGLISH : ONLY_FRENCH;
        for (const sentence of wrongLanguage) {
          assert.ok(
            !card.includes(JSON.stringify(sentence).slice(1, -1)),
            `${verb} as ${role} in ${locale}: "${sentence}"`,
          );
        }
        if (role === 'lab') return;
        for (const words of ANSWER_WORDS) {
          assert.doesNotMatch(card, words, `${verb} as ${role} shows team 2's answer`);
        }
        // What changed is the sender's own (a draft of their own candidacy), never anyone else's;
        // from another tenant, nothing at all.
        const after = await snapshot();
        const own = SENDERS[role].aadObjectId;
        for (const [table, rows] of before!) {
          for (const row of changedRows(rows, after.get(table) ?? '[]')) {
            assert.ok(
              role !== 'foreignTenantLab' && row.includes(own),
              `${verb} as ${role} changed ${table}: ${row.slice(0, 300)}`,
            );
          }
        }
        // Nor does anything go out to anyone (a reply in the invoke's own response only).
        assert.equal(
          harness.connector.sentActivities().length,
          sent,
          `${verb} as ${role} sent a message`,
        );
      }),
      { numRuns: 1000, seed: 20261204, endOnFailure: true },
    );
    // The runs reached most of the registry, not the same few verbs.
    assert.ok(seen.size >= verbs.length * 0.8, `${seen.size} of ${verbs.length} verbs tried`);
  });
});
