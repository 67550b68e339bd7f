import assert from 'node:assert/strict';
import JSZip from 'jszip';
import type { OutboxTable } from '../../src/adapters/sql/sql-outbox-store';
import { adminClicks, BotHarness, FIXTURE_ADMIN_AAD_ID, loadActivity } from './support/bot-harness';

const CAMILLE = '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

/** Camille types `text` in her personal chat. */
function camilleTypes(text: string, locale = 'fr-FR'): Record<string, unknown> {
  return { ...loadActivity('personal-message-aide'), text, locale };
}

/** Camille clicks a button with `verb` and `data` in her personal chat. */
function camilleClicks(verb: string, data: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...loadActivity('invoke-action-execute-profile'),
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}

function lastSent(harness: BotHarness): string {
  return JSON.stringify(harness.connector.sentActivities().at(-1));
}

/** The link of the card's download button. */
function linkOf(body: unknown): string {
  const match = /"url":"([^"]+\/exports\/my-data\/[^"]+)"/.exec(JSON.stringify(body));
  assert.ok(match, 'the card has a download link');
  return match[1]!;
}

describe('"mes données" / "my data" and erasure', () => {
  let harness: BotHarness;

  beforeEach(async () => {
    harness = new BotHarness();
    await harness.start(process.env.DEBUG_LOG ? { LOG_LEVEL: 'error' } : {});
  });

  afterEach(async () => {
    await harness.stop();
  });

  /** The language and time zone the bot keeps for a person: recorded on every turn. */
  async function contextRows(aadId: string): Promise<number> {
    const rows = await harness.bot.database.db
      .selectFrom('user_contexts')
      .select('aad_id')
      .where('aad_id', '=', aadId)
      .execute();
    return rows.length;
  }

  it('lists by category what the bot holds about the sender, with retentions', async () => {
    await harness.send(camilleTypes('mes données'));
    const card = lastSent(harness);
    assert.match(card, /Vos données/);
    assert.match(card, /Profil et références Teams/);
    assert.match(card, /Journal d’audit/);
    assert.match(card, /tant que vous utilisez le bot/);
    assert.match(card, /mydata.link/);
  });

  it('answers in English to "my data"', async () => {
    await harness.send(camilleTypes('my data', 'en-US'));
    assert.match(lastSent(harness), /Your data/);
    assert.match(lastSent(harness), /Candidacies and drafts/);
  });

  it('gives a single-use link to a ZIP of the sender’s data only', async () => {
    await harness.send(camilleTypes('mes données'));
    const { status, body } = await harness.send(camilleClicks('mydata.link'));
    assert.equal(status, 200);
    const url = linkOf(body);
    const first = await fetch(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/zip');
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const zip = await JSZip.loadAsync(Buffer.from(await first.arrayBuffer()));
    assert.deepEqual(Object.keys(zip.files).sort(), ['donnees.json', 'donnees.xlsx']);
    const json = await zip.file('donnees.json')!.async('string');
    assert.match(json, new RegExp(CAMILLE));
    assert.match(json, /a:1personal-camille-7Hk2/, 'her conversation reference');
    assert.doesNotMatch(json, new RegExp(FIXTURE_ADMIN_AAD_ID), 'nobody else’s data');
    assert.equal((await fetch(url)).status, 410, 'the link works once');
  });

  it('refuses the link for another person, a tampered signature, or on the candidacy export route', async () => {
    await harness.send(camilleTypes('mes données'));
    const url = new URL(linkOf((await harness.send(camilleClicks('mydata.link'))).body));
    const otherPerson = new URL(url);
    otherPerson.searchParams.set('admin', FIXTURE_ADMIN_AAD_ID);
    assert.equal((await fetch(otherPerson)).status, 403);
    const tampered = new URL(url);
    tampered.searchParams.set('sig', 'x'.repeat(43));
    assert.equal((await fetch(tampered)).status, 403);
    const elsewhere = new URL(url);
    elsewhere.pathname = elsewhere.pathname.replace('/exports/my-data/', '/exports/');
    assert.equal((await fetch(elsewhere)).status, 403);
    assert.equal((await fetch(url)).status, 200, 'the refusals did not spend the link');
  });

  it('asks for confirmation before erasing, and erases nothing without it', async () => {
    await harness.send(camilleTypes('effacer mes données'));
    assert.match(lastSent(harness), /Effacer vos données\u202f\?/);
    assert.match(lastSent(harness), /"confirm":"yes"/);
    const { body } = await harness.send(camilleClicks('mydata.erase', { confirm: 'no' }));
    assert.match(JSON.stringify(body), /ne sont pas valides/);
    assert.equal(await contextRows(CAMILLE), 1);
  });

  it('erases the sender only, whatever id the card data names', async () => {
    await harness.send(loadActivity('personal-message-status-admin'));
    await harness.send(camilleTypes('mes données'));
    assert.equal(await contextRows(FIXTURE_ADMIN_AAD_ID), 1);
    const { body } = await harness.send(
      camilleClicks('mydata.erase', { confirm: 'yes', aadId: FIXTURE_ADMIN_AAD_ID }),
    );
    assert.match(
      JSON.stringify(body),
      /Vous apparaissez désormais comme «\u202fPersonne [0-9a-f]{4}\u202f»/,
    );
    assert.equal(await contextRows(CAMILLE), 0);
    assert.equal(await contextRows(FIXTURE_ADMIN_AAD_ID), 1, 'the admin named in the data stays');
  });

  it('shows nothing left after an erasure but what the new message itself records', async () => {
    await harness.bot.database.db
      .insertInto('absences')
      .values({ aad_id: CAMILLE, until_day: '2026-12-01', declared_at: '2026-11-19T08:00:00.000Z' })
      .execute();
    await harness.send(camilleTypes('mes données'));
    assert.match(lastSent(harness), /"title":"Absences","value":"1 élément/);
    await harness.send(camilleClicks('mydata.erase', { confirm: 'yes' }));
    await harness.send(camilleTypes('mes données'));
    const card = lastSent(harness);
    assert.match(card, /"title":"Absences","value":"0 élément/);
    assert.match(card, /"title":"Candidatures et brouillons","value":"0 élément/);
    // Writing to the bot again records the language and the chat: that is all it holds.
    assert.match(card, /"title":"Profil et références Teams","value":"[1-3] élément/);
    assert.match(card, /"title":"Journal d’audit","value":"0 élément/);
  });

  it('refuses "mes données" in a channel: the answer would show personal data to others', async () => {
    await harness.send({
      ...loadActivity('channel-message-with-mention'),
      text: '<at>Lab Innovation</at> mes données',
    });
    const card = lastSent(harness);
    assert.doesNotMatch(card, /Profil et références Teams/);
  });

  describe('a participant of a programme in progress', () => {
    beforeEach(async () => {
      // Camille is placed in a team of the demo programme, which runs until 2027-03-31.
      await harness.bot.database.db
        .insertInto('programme_team_people')
        .values({
          programme_id: 'defi-du-lab-2026',
          team_id: 't1',
          aad_id: CAMILLE,
          role: 'member',
        })
        .execute();
      // The Lab admin has a personal chat with the bot, where the request card goes.
      await harness.send(loadActivity('personal-message-status-admin'));
    });

    async function requestCard(): Promise<{ requestId: string; text: string }> {
      const rows = await harness.bot.database.db
        .withTables<{ outbox: OutboxTable }>()
        .selectFrom('outbox')
        .select(['key', 'target', 'payload'])
        .where('key', 'like', 'erasure-request:%')
        .execute();
      assert.equal(rows.length, 1, 'one request card, to the Lab team');
      // The admin's personal chat.
      assert.match(rows[0]!.target, /a:1personal-nadia-9Qr4/);
      const match = /"requestId":"([^"]+)"/.exec(rows[0]!.payload);
      assert.ok(match);
      return { requestId: match[1]!, text: rows[0]!.payload };
    }

    it('asks the Lab team instead of erasing, and tells the person until when', async () => {
      const { status, body } = await harness.send(
        camilleClicks('mydata.erase', { confirm: 'yes' }),
      );
      assert.equal(status, 200);
      assert.match(
        JSON.stringify(body),
        /Votre demande d’effacement est transmise à l’équipe du Lab/,
      );
      assert.match(
        JSON.stringify(body),
        /un programme en cours jusqu’au mercredi 31 mars 2027 \(Défi du Lab 2026\)/,
      );
      assert.equal(await contextRows(CAMILLE), 1, 'nothing erased yet');
      const { text } = await requestCard();
      assert.match(text, /Effacer maintenant/);
      // Asking again does not send the Lab a second card.
      await harness.send(camilleClicks('mydata.erase', { confirm: 'yes' }));
      await requestCard();
    });

    it('erases when a Lab member decides so, once', async () => {
      await harness.send(camilleClicks('mydata.erase', { confirm: 'yes' }));
      const { requestId } = await requestCard();
      const { body } = await harness.send(
        adminClicks('mydata.decide', { requestId, decision: 'erase' }),
      );
      assert.match(
        JSON.stringify(body),
        /Données effacées\u00a0: la personne apparaît désormais comme «\u202fPersonne [0-9a-f]{4}\u202f»/,
      );
      assert.equal(await contextRows(CAMILLE), 0);
      const team = await harness.bot.database.db
        .selectFrom('programme_team_people')
        .select('aad_id')
        .execute();
      assert.deepEqual(
        team.map((row) => row.aad_id.startsWith('pseudonym-')),
        [true],
      );
      const again = await harness.send(
        adminClicks('mydata.decide', { requestId, decision: 'defer' }),
      );
      assert.match(JSON.stringify(again.body), /déjà été traitée/);
    });

    it('keeps the data when the Lab defers, and tells the person', async () => {
      await harness.send(camilleClicks('mydata.erase', { confirm: 'yes' }));
      const { requestId } = await requestCard();
      const { body } = await harness.send(
        adminClicks('mydata.decide', { requestId, decision: 'defer' }),
      );
      assert.match(
        JSON.stringify(body),
        /Effacement repoussé au lendemain du mercredi 31 mars 2027/,
      );
      assert.equal(await contextRows(CAMILLE), 1);
      const told = await harness.bot.database.db
        .withTables<{ outbox: OutboxTable }>()
        .selectFrom('outbox')
        .select('target')
        .where('key', '=', `erasure-deferred:${requestId}`)
        .execute();
      assert.equal(told.length, 1);
      assert.match(told[0]!.target, /a:1personal-camille-7Hk2/);
    });

    it('lets nobody but the Lab decide, nor decide a request that does not exist', async () => {
      await harness.send(camilleClicks('mydata.erase', { confirm: 'yes' }));
      const { requestId } = await requestCard();
      const own = await harness.send(
        camilleClicks('mydata.decide', { requestId, decision: 'erase' }),
      );
      assert.doesNotMatch(JSON.stringify(own.body), /Données effacées/);
      assert.equal(
        await contextRows(CAMILLE),
        1,
        'the participant cannot approve their own request',
      );
      const unknown = await harness.send(
        adminClicks('mydata.decide', { requestId: 'not-a-request', decision: 'erase' }),
      );
      assert.match(JSON.stringify(unknown.body), /n’existe pas/);
      const forged = await harness.send(
        adminClicks('mydata.decide', { requestId, decision: 'everything' }),
      );
      assert.match(JSON.stringify(forged.body), /ne sont pas valides/);
      assert.equal(await contextRows(CAMILLE), 1);
    });
  });
});
