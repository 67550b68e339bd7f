import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { SqlLabSessionStore } from '../../src/adapters/sql/sql-lab-session-store';
import { BotHarness } from './support/bot-harness';
import { sessionTurns, startSessionBot } from './support/lab-session-turns';
import {
  ADMIN,
  FACILITATOR_A,
  FACILITATOR_B,
  REQUESTER,
  VALID_FORM,
  type SessionUser,
} from './support/lab-session-people';

const COLLEAGUE: SessionUser = {
  id: '29:colleague',
  name: 'DUPONT Élodie',
  aadObjectId: '99999999-0000-4000-8000-000000000099',
};

/** n external guests typed one a line. */
function guests(n: number, from = 1): string {
  return Array.from({ length: n }, (_, i) => `Invité ${from + i} <invite${from + i}@onem.be>`).join(
    '\n',
  );
}

describe('Lab session participants in Teams (recorded activities)', () => {
  let harness: BotHarness;
  let store: SqlLabSessionStore;

  beforeEach(async () => {
    harness = new BotHarness();
    store = await startSessionBot(harness, [
      ADMIN,
      REQUESTER,
      FACILITATOR_A,
      FACILITATOR_B,
      COLLEAGUE,
    ]);
  });

  afterEach(async () => {
    await harness.stop();
  });

  const { say, click } = sessionTurns(() => harness);

  async function outboxKeys(prefix: string): Promise<string[]> {
    const rows = await sql<{ key: string }>`select key from outbox order by key`.execute(
      harness.bot.database.db,
    );
    return rows.rows.map((row) => row.key).filter((key) => key.startsWith(prefix));
  }

  /** A request with its go: the facilitators named, qualified, the Lab team's go. */
  async function withGo(): Promise<string> {
    await click(REQUESTER, 'session.submit', VALID_FORM);
    const [request] = await store.list();
    const id = request!.id;
    await click(ADMIN, 'session.qualify', {
      requestId: id,
      facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
    });
    await click(FACILITATOR_A, 'session.qualification', {
      requestId: id,
      objectivesReachable: 'yes',
      intentionChecked: 'true',
      format: 'Une journée',
      effortDays: '6',
      risks: '',
    });
    await click(ADMIN, 'session.decide', { requestId: id, decision: 'go', reason: 'Oui' });
    return id;
  }

  it('lists colleagues and guests with the mix, invites colleagues once the day is set, and sends them the hot debrief', async () => {
    const id = await withGo();
    const card = await click(REQUESTER, 'session.addParticipants', {
      requestId: id,
      participantsPicked: COLLEAGUE.aadObjectId,
      participantsEmails: 'Paul Nguyen <paul.nguyen@cpam-paris.fr>',
      participantsExternal: 'Ana Lopez <ana.lopez@onem.be>\nZoé Durand, zoe.durand@onem.be',
    });
    assert.match(card, /Ajoutés\u00a0: 4 avec une place, 0 en liste d’attente/);
    assert.match(card, /Participants\u00a0: 4 \/ 60 places · liste d’attente\u00a0: 0/);
    assert.match(card, /Internes\u00a0: 2 · externes\u00a0: 2/);
    assert.match(card, /onem.be 2/);
    assert.match(card, /DUPONT Élodie · interne/, 'the name Teams gave the bot');
    assert.match(card, /Graph.microsoft.com\/users|graph.microsoft.com\/users/i, 'a people picker');
    assert.deepEqual(await outboxKeys(`lab-session:${id}:invite`), [], 'no day, no invitation');

    await click(ADMIN, 'session.schedule', { requestId: id, sessionDay: '2027-01-14' });
    // The colleague picked in Teams; Paul never wrote to the bot; guests are never messaged.
    const invited = await outboxKeys(`lab-session:${id}:invite`);
    assert.equal(invited.length, 1);
    assert.ok(
      invited[0]!.startsWith(`lab-session:${id}:invite:2027-01-14:${COLLEAGUE.aadObjectId}:`),
    );
    const view = await click(REQUESTER, 'session.view', { requestId: id });
    assert.match(
      view,
      /Internes que le bot ne peut pas encore joindre \(jamais écrit au bot\)\u00a0: 1/,
    );

    const job = harness.bot.modules.find((m) => m.name === 'lab-sessions')!.scheduledJobs![0]!;
    const [hot] = await job.listOccurrences(new Date('2027-01-14T17:00:00.000Z'));
    await job.execute(hot!);
    const sent = await outboxKeys(`lab-session:${id}:hot:`);
    assert.equal(sent.length, 4, 'the requester, two facilitators and the colleague');
    assert.ok(sent.includes(`lab-session:${id}:hot:${COLLEAGUE.aadObjectId}`));
    const answer = await click(COLLEAGUE, 'session.hotDebrief', {
      requestId: id,
      satisfaction: '4',
    });
    assert.match(answer, /Merci, votre réponse est enregistrée/);
  });

  it('puts the 61st person on the waitlist and gives them the seat someone leaves', async () => {
    const id = await withGo();
    await click(FACILITATOR_A, 'session.addParticipants', {
      requestId: id,
      participantsExternal: guests(60),
    });
    const full = await click(REQUESTER, 'session.addParticipants', {
      requestId: id,
      participantsPicked: COLLEAGUE.aadObjectId,
    });
    assert.match(full, /Ajoutés\u00a0: 0 avec une place, 1 en liste d’attente/);
    assert.match(full, /Liste d’attente \(premier arrivé, premier servi\)/);
    assert.match(full, /attente 1. DUPONT Élodie/);
    const [first] = await store.listParticipants(id);
    const removed = await click(ADMIN, 'session.removeParticipants', {
      requestId: id,
      participantsRemove: first!.id,
    });
    assert.match(
      removed,
      /Retirés\u00a0: 1\u202f; passés de la liste d’attente à une place\u00a0: 1/,
    );
    assert.match(removed, /liste d’attente\u00a0: 0/);
  });

  describe('hostile senders and data', () => {
    it('refuses a colleague who is not the requester, a facilitator or the Lab, showing nothing', async () => {
      const id = await withGo();
      await click(REQUESTER, 'session.addParticipants', {
        requestId: id,
        participantsPicked: COLLEAGUE.aadObjectId,
      });
      const added = await click(COLLEAGUE, 'session.addParticipants', {
        requestId: id,
        participantsExternal: guests(1),
      });
      assert.match(added, /Je ne trouve pas cette demande/);
      assert.doesNotMatch(added, /Accueil|DUPONT/);
      const [listed] = await store.listParticipants(id);
      const removed = await click(COLLEAGUE, 'session.removeParticipants', {
        requestId: id,
        participantsRemove: listed!.id,
      });
      assert.match(removed, /Je ne trouve pas cette demande/);
      assert.equal((await store.listParticipants(id)).length, 1);
      for (const verb of ['session.badges', 'session.export']) {
        const refused = await click(REQUESTER, verb, { requestId: id });
        assert.doesNotMatch(refused, /exports\/lab-sessions/);
      }
    });

    it('refuses a list beyond 60 seats and 60 waiting, an oversized field and wrong types, writing nothing', async () => {
      const id = await withGo();
      const tooMany = await click(REQUESTER, 'session.addParticipants', {
        requestId: id,
        participantsExternal: guests(121),
      });
      assert.match(tooMany, /Une liste de 120 lignes au plus/);
      const oversized = await click(REQUESTER, 'session.addParticipants', {
        requestId: id,
        participantsEmails: 'a'.repeat(100_000),
      });
      assert.doesNotMatch(oversized, /Ajoutés/);
      for (const data of [
        { participantsPicked: 42 },
        { participantsPicked: ['x'] },
        { participantsPicked: 'not-a-teams-id' },
        { participantsExternal: 'sans adresse' },
        {},
      ]) {
        const card = await click(REQUESTER, 'session.addParticipants', { requestId: id, ...data });
        assert.doesNotMatch(card, /Ajoutés/, JSON.stringify(data));
      }
      assert.deepEqual(await store.listParticipants(id), []);
    });

    it('removes nobody when given another request’s participant', async () => {
      const id = await withGo();
      await click(REQUESTER, 'session.submit', { ...VALID_FORM, subject: 'Autre demande' });
      const other = (await store.list()).find((r) => r.id !== id)!;
      await click(ADMIN, 'session.addParticipants', {
        requestId: other.id,
        participantsExternal: guests(1),
      });
      await click(ADMIN, 'session.addParticipants', {
        requestId: id,
        participantsExternal: guests(1, 5),
      });
      const [theirs] = await store.listParticipants(other.id);
      const card = await click(ADMIN, 'session.removeParticipants', {
        requestId: id,
        participantsRemove: theirs!.id,
      });
      assert.match(card, /Choisissez parmi les participants de cette demande/);
      assert.equal((await store.listParticipants(other.id)).length, 1);
      assert.equal((await store.listParticipants(id)).length, 1);
    });

    it('keeps Markdown and bidirectional overrides in names as plain text', async () => {
      const id = await withGo();
      await click(REQUESTER, 'session.addParticipants', {
        requestId: id,
        participantsExternal:
          '[Cliquez](https://evil.example/x) \u202Egnp.exe <piege@evil.example>',
      });
      const [guest] = await store.listParticipants(id);
      assert.ok(guest);
      assert.doesNotMatch(guest.name, /\u202E/);
      const card = await click(REQUESTER, 'session.view', { requestId: id });
      // Text blocks render Markdown: the link is broken there (choice titles are plain text).
      const texts: string[] = [];
      JSON.parse(card, (key, value: unknown) => {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        return value;
      });
      assert.ok(texts.some((text) => text.includes('gnp.exe')));
      assert.ok(texts.every((text) => !/\]\(https:\/\/evil/.test(text)));
      assert.doesNotMatch(card, /\u202E|\\u202e/i);
    });
  });

  it('hands the Lab team single-use .xlsx links: requests and sessions, and first-name badges', async () => {
    const id = await withGo();
    await click(REQUESTER, 'session.addParticipants', {
      requestId: id,
      participantsPicked: COLLEAGUE.aadObjectId,
      participantsExternal: 'Ana Lopez <ana.lopez@onem.be>',
    });
    const list = await say(ADMIN, 'demandes');
    assert.match(list, /Exporter demandes et sessions \(.xlsx\)/);
    assert.match(await say(ADMIN, 'exporter les sessions'), /exports\/lab-sessions\//);
    assert.doesNotMatch(await say(REQUESTER, 'exporter les sessions'), /exports\/lab-sessions\//);

    const exportCard = await click(ADMIN, 'session.export');
    const url = /"url":"(http[^"]+\/exports\/lab-sessions\/[^"]+)"/.exec(exportCard)?.[1];
    assert.ok(url, exportCard);
    // The candidacy route neither serves nor spends a Lab sessions token.
    assert.equal((await fetch(url.replace('/exports/lab-sessions/', '/exports/'))).status, 403);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const requests = workbook.getWorksheet('Demandes');
    assert.deepEqual((requests?.getRow(2).values as unknown[]).slice(1, 4), [
      'LAB-2026-001',
      'Accueil des nouveaux allocataires',
      'en préparation (go)',
    ]);
    assert.ok(workbook.getWorksheet('Sessions'));
    assert.equal((await fetch(url)).status, 410, 'single use');

    const badgeCard = await click(ADMIN, 'session.badges', { requestId: id });
    const badgeUrl = /"url":"(http[^"]+\/exports\/lab-sessions\/[^"]+)"/.exec(badgeCard)?.[1];
    assert.ok(badgeUrl);
    const badges = new ExcelJS.Workbook();
    await badges.xlsx.load(await (await fetch(badgeUrl)).arrayBuffer());
    const sheet = badges.getWorksheet('Badges');
    const names = [2, 3].map((n) => sheet?.getRow(n).getCell(1).value);
    assert.deepEqual(names, ['Ana', 'Élodie']);
    assert.equal(sheet?.rowCount, 3);
  });
});
