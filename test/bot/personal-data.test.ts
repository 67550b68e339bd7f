import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { BotHarness, FIXTURE_ADMIN_AAD_ID, loadActivity } from './support/bot-harness';

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
    await harness.start();
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
    assert.match(lastSent(harness), /Effacer vos données \?/);
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
    assert.match(JSON.stringify(body), /Vous apparaissez désormais comme « Personne [0-9a-f]{4} »/);
    assert.equal(await contextRows(CAMILLE), 0);
    assert.equal(await contextRows(FIXTURE_ADMIN_AAD_ID), 1, 'the admin named in the data stays');
  });

  it('refuses "mes données" in a channel: the answer would show personal data to others', async () => {
    await harness.send({
      ...loadActivity('channel-message-with-mention'),
      text: '<at>Lab Innovation</at> mes données',
    });
    const card = lastSent(harness);
    assert.doesNotMatch(card, /Profil et références Teams/);
  });
});
