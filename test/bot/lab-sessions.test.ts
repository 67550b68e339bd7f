import assert from 'node:assert/strict';
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

const STRANGER: SessionUser = {
  id: '29:stranger',
  name: 'Sam Autre',
  aadObjectId: '99999999-0000-4000-8000-000000000099',
};

/** The qualification card as a facilitator fills it. */
const QUALIFICATION = (requestId: string) => ({
  requestId,
  objectivesReachable: 'yes',
  intentionChecked: 'true',
  format: 'Une journée, Scan / Focus / Act',
  effortDays: '6',
  risks: '',
});

describe('Lab sessions in Teams (recorded activities)', () => {
  let harness: BotHarness;
  let store: SqlLabSessionStore;

  beforeEach(async () => {
    harness = new BotHarness();
    store = await startSessionBot(harness, [
      ADMIN,
      REQUESTER,
      FACILITATOR_A,
      FACILITATOR_B,
      STRANGER,
    ]);
  });

  afterEach(async () => {
    await harness.stop();
  });

  const { say, click } = sessionTurns(() => harness);

  async function outboxKeys(): Promise<string[]> {
    const rows = await sql<{ key: string }>`select key from outbox order by key`.execute(
      harness.bot.database.db,
    );
    return rows.rows.map((row) => row.key);
  }

  async function outboxPayloads(prefix: string): Promise<string[]> {
    const rows = await sql<{
      key: string;
      payload: string;
    }>`select key, payload from outbox`.execute(harness.bot.database.db);
    return rows.rows.filter((row) => row.key.startsWith(prefix)).map((row) => row.payload);
  }

  async function submitted(): Promise<string> {
    const card = await click(REQUESTER, 'session.submit', VALID_FORM);
    assert.match(card, /Demande envoyée\u00a0: LAB-2026-001/);
    const [request] = await store.list();
    return request!.id;
  }

  it('shows the form, says a field error under its field, then confirms with a tracking number and tells the Lab team', async () => {
    const form = await say(REQUESTER, 'demander une session');
    assert.match(form, /Demander une session du Lab/);
    const refused = await click(REQUESTER, 'session.submit', {
      ...VALID_FORM,
      externalParticipants: '45',
    });
    assert.match(
      refused,
      /Au plus 30 externes ici\u00a0: une session réunit 60 personnes au maximum/,
    );
    assert.match(refused, /Vérifiez les champs signalés \(1\)/);
    assert.deepEqual(await store.list(), []);

    const id = await submitted();
    const keys = await outboxKeys();
    for (const lab of [ADMIN, FACILITATOR_A, FACILITATOR_B]) {
      assert.ok(keys.includes(`lab-session:${id}:requested:${lab.aadObjectId}`), lab.name);
    }
    assert.ok(!keys.some((key) => key.includes(REQUESTER.aadObjectId)));
  });

  it('keeps a draft and gives it back with the form', async () => {
    const saved = await click(REQUESTER, 'session.saveDraft', { subject: 'Idée à mûrir' });
    assert.match(saved, /Brouillon enregistré/);
    const form = await say(REQUESTER, 'demander une session');
    assert.match(form, /Idée à mûrir/);
  });

  it('answers in English, with the English sentence under the field', async () => {
    const card = await click(REQUESTER, 'session.submit', { ...VALID_FORM, subject: '' }, 'en-US');
    assert.match(card, /Please check the fields marked \(1\)/);
    assert.match(card, /"Required field"/);
    assert.doesNotMatch(card, /Vérifiez/);
  });

  it('takes a request from qualification to its date, telling the requester each step', async () => {
    const id = await submitted();
    const view = await click(ADMIN, 'session.view', { requestId: id });
    assert.match(view, /Nommer les facilitateurs/);
    assert.match(view, /Aline Facil/);
    assert.doesNotMatch(view, /"value":"6a1f0c2e/, 'the requester is not offered');

    const qualified = await click(ADMIN, 'session.qualify', {
      requestId: id,
      facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
      meetingDay: '2026-11-26',
      meetingTime: '10:00',
    });
    assert.match(qualified, /Facilitateurs nommés\u00a0: Aline Facil, Bruno Facil/);
    assert.match(qualified, /jeudi 26 novembre 2026 de 10:00 à 11:00 \(Europe\/Paris\)/);
    assert.match(qualified, /Enregistrer la qualification/);

    const early = await click(ADMIN, 'session.decide', {
      requestId: id,
      decision: 'go',
      reason: 'Trop tôt',
    });
    assert.match(early, /Pas de go sans la fiche de qualification/);
    const assessment = await click(FACILITATOR_B, 'session.qualification', QUALIFICATION(id));
    assert.match(assessment, /Qualification enregistrée/);
    assert.match(assessment, /objectifs atteignables · intention et posture vérifiées · 6\u00a0j/);

    const go = await click(ADMIN, 'session.decide', {
      requestId: id,
      decision: 'go',
      reason: 'Sujet prioritaire pour 2027',
      revisitOn: '',
    });
    assert.match(go, /Décision enregistrée\u00a0: Go/);

    // 2026-12-10 is less than 4 weeks after 2026-11-20: refused without the Lab's override.
    const tooSoon = await click(FACILITATOR_A, 'session.schedule', {
      requestId: id,
      sessionDay: '2026-12-10',
      coldDebriefWeeks: '6',
      overrideMinimum: 'false',
    });
    assert.match(
      tooSoon,
      /Au moins 4 semaines de préparation\u00a0: le vendredi 18 décembre 2026 au plus tôt/,
    );
    assert.equal((await store.get(id))?.sessionDay, null);

    const scheduled = await click(FACILITATOR_A, 'session.schedule', {
      requestId: id,
      sessionDay: '2027-01-14',
      coldDebriefWeeks: '6',
    });
    assert.match(
      scheduled,
      /Session fixée au jeudi 14 janvier 2027\u202f; débriefing à froid le jeudi 25 février 2027/,
    );

    const sequenced = await click(FACILITATOR_B, 'session.sequencing', {
      requestId: id,
      block1Title: 'Scan : la journée d’un allocataire',
      block1Minutes: '90',
      block1Method: 'scan',
      block2Title: 'Act : qui fait quoi lundi',
      block2Minutes: '45',
      block2Method: 'act',
    });
    assert.match(sequenced, /Séquencement enregistré/);
    assert.match(sequenced, /Séquencement \(135\u00a0min\)/);
    const notByRequester = await click(REQUESTER, 'session.sequencing', {
      requestId: id,
      block1Title: 'x',
      block1Minutes: '30',
      block1Method: 'act',
    });
    assert.match(notByRequester, /Je ne trouve pas cette demande/);
    assert.equal((await store.get(id))?.sequencing?.blocks.length, 2);

    const told = (await outboxKeys()).filter((key) => key.endsWith(REQUESTER.aadObjectId));
    // Without calendar access, the qualification meeting reaches them as an .ics invitation.
    assert.deepEqual(
      told.filter((key) => key.startsWith('meeting:')),
      [`meeting:@lab-sessions:labQualification:${id}:once:v0:${REQUESTER.aadObjectId}`],
    );
    assert.deepEqual(
      told.filter((key) => key.startsWith('lab-session:')).map((key) => key.split(':')[2]),
      ['go', 'qualification', 'scheduled'],
    );
    const calendar = await say(ADMIN, 'calendrier des sessions');
    // 14 weeks ahead: from the first reminder to the cold debrief, 6 weeks after the session.
    assert.match(calendar, /Calendrier des sessions\u00a0: les 98 prochains jours/);
    assert.match(
      calendar,
      /09:30 \(Europe\/Paris\) · débriefing à froid · LAB-2026-001 · Accueil des nouveaux allocataires/,
    );
    assert.match(
      calendar,
      /09:30 \(Europe\/Paris\) · rappel J-28\u00a0: scénario et cahier de consignes · LAB-2026-001/,
    );
    assert.match(calendar, /17:30 \(Europe\/Paris\) · débriefing à chaud · LAB-2026-001/);
    const notLab = await say(REQUESTER, 'calendrier des sessions');
    assert.doesNotMatch(notLab, /LAB-2026-001 · Accueil/);

    const mine = await say(FACILITATOR_B, 'mes sessions');
    assert.match(mine, /LAB-2026-001/);
    const open = await say(ADMIN, 'demandes');
    assert.match(
      open,
      /en préparation \(go\) · 0\u00a0j · Camille Martin · 6\u00a0j de préparation/,
    );
    assert.match(open, /Charge de préparation engagée/);
    assert.match(open, /"title":"janvier 2027","value":"6\u00a0j"/);
  });

  it('sends the hot debrief at the end of the session day and keeps the answer given in place', async () => {
    const id = await submitted();
    await click(ADMIN, 'session.qualify', {
      requestId: id,
      facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
    });
    await click(FACILITATOR_A, 'session.qualification', QUALIFICATION(id));
    await click(ADMIN, 'session.decide', { requestId: id, decision: 'go', reason: 'Oui' });
    await click(ADMIN, 'session.schedule', { requestId: id, sessionDay: '2027-01-14' });

    const job = harness.bot.modules.find((m) => m.name === 'lab-sessions')!.scheduledJobs![0]!;
    const due = await job.listOccurrences(new Date('2027-01-14T17:00:00.000Z'));
    assert.equal(due[0]?.key, `lab-session-hot:2027-01-14:${id}`);
    await job.execute(due[0]);
    assert.equal((await store.get(id))?.status, 'held');
    const cards = await outboxPayloads(`lab-session:${id}:hot:`);
    assert.equal(cards.length, 3);
    assert.match(cards[0]!, /Débriefing à chaud/);

    const answered = await click(FACILITATOR_A, 'session.hotDebrief', {
      requestId: id,
      satisfaction: '5',
      takeaway: 'Le prénom seul libère la parole',
    });
    assert.match(answered, /Merci, votre réponse est enregistrée/);
    const stranger = await click(STRANGER, 'session.hotDebrief', {
      requestId: id,
      satisfaction: '1',
    });
    assert.match(stranger, /Je ne trouve pas cette demande/);
    const answers = await store.listDebriefs(id);
    assert.deepEqual(
      answers.map((a) => a.answers.satisfaction),
      [5],
    );

    // Six weeks later, the cold debrief; a follow-up wanted opens a pre-filled request.
    const [cold] = await job.listOccurrences(new Date('2027-02-25T09:00:00.000Z'));
    assert.equal(cold?.key, `lab-session-cold:2027-02-25:${id}`);
    await job.execute(cold);
    const coldAnswer = await click(REQUESTER, 'session.coldDebrief', {
      requestId: id,
      implemented: 'Le parcours d’accueil en deux agences',
      changed: 'Premier rendez-vous en 5 jours',
      followUp: 'yes',
    });
    assert.match(coldAnswer, /Merci, votre réponse est enregistrée/);
    assert.match(coldAnswer, /Demander une session de suite/);
    const followUp = await click(REQUESTER, 'session.open', { followUpOf: id });
    assert.match(followUp, /Demande de suite de LAB-2026-001, préremplie/);
    assert.match(followUp, /Suite\u00a0: Accueil des nouveaux allocataires/);
    const notTheirs = await click(STRANGER, 'session.open', { followUpOf: id });
    assert.match(notTheirs, /Je ne trouve pas cette demande/);
    assert.doesNotMatch(notTheirs, /Accueil/);
  });

  it('tells the sponsor named by e-mail of the go once they have written to the bot', async () => {
    const sponsor: SessionUser = {
      id: '29:sponsor',
      name: 'Claude Directeur',
      aadObjectId: 'dddddddd-0000-4000-8000-00000000000d',
    };
    harness.connector.members.set(sponsor.aadObjectId, {
      email: 'Claude.Directeur@caf.fr',
      name: sponsor.name,
    });
    await say(sponsor, 'mes sessions');
    const card = await click(REQUESTER, 'session.submit', {
      ...VALID_FORM,
      sponsor: 'Claude Directeur',
      sponsorEmail: 'claude.directeur@caf.fr',
    });
    assert.match(card, /LAB-2026-001/);
    const [request] = await store.list();
    const id = request!.id;
    await click(ADMIN, 'session.qualify', {
      requestId: id,
      facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
    });
    await click(FACILITATOR_A, 'session.qualification', QUALIFICATION(id));
    await click(ADMIN, 'session.decide', { requestId: id, decision: 'go', reason: 'Oui' });
    const keys = await outboxKeys();
    assert.ok(
      keys.some(
        (key) => key.startsWith(`lab-session:${id}:go:`) && key.endsWith(sponsor.aadObjectId),
      ),
      keys.join('\n'),
    );
  });

  describe('hostile senders and data', () => {
    it('refuses the Lab team’s steps to the requester and to a stranger, writing nothing', async () => {
      const id = await submitted();
      const byRequester = await click(REQUESTER, 'session.qualify', {
        requestId: id,
        facilitators: `${FACILITATOR_A.aadObjectId},${FACILITATOR_B.aadObjectId}`,
      });
      assert.match(byRequester, /Réservé à l’équipe du Lab/);
      const byStranger = await click(STRANGER, 'session.decide', {
        requestId: id,
        decision: 'noGo',
        reason: 'Non',
      });
      assert.match(byStranger, /Réservé à l’équipe du Lab/);
      const schedule = await click(STRANGER, 'session.schedule', {
        requestId: id,
        sessionDay: '2027-01-14',
      });
      assert.match(schedule, /Je ne trouve pas cette demande/);
      const assessment = await click(STRANGER, 'session.qualification', QUALIFICATION(id));
      assert.match(assessment, /Je ne trouve pas cette demande/);
      const requests = await say(STRANGER, 'demandes');
      assert.doesNotMatch(requests, /LAB-2026-001/);
      assert.equal((await store.get(id))?.status, 'requested');
    });

    it('refuses in English to an English-speaking stranger', async () => {
      const id = await submitted();
      const view = await click(STRANGER, 'session.view', { requestId: id }, 'en-US');
      assert.match(view, /I cannot find this session request among those you may see/);
      const qualify = await click(STRANGER, 'session.qualify', { requestId: id }, 'en-US');
      assert.match(qualify, /For the Lab team only/);
      assert.equal((await store.get(id))?.status, 'requested');
    });

    it('hides someone else’s request, and lets only its requester withdraw it', async () => {
      const id = await submitted();
      const view = await click(STRANGER, 'session.view', { requestId: id });
      assert.match(view, /Je ne trouve pas cette demande/);
      assert.doesNotMatch(view, /Accueil des nouveaux allocataires/);
      const withdraw = await click(STRANGER, 'session.withdraw', { requestId: id });
      assert.match(withdraw, /Je ne trouve pas cette demande/);
      assert.equal((await store.get(id))?.status, 'requested');
      const mine = await click(REQUESTER, 'session.withdraw', { requestId: id });
      assert.match(mine, /Votre demande LAB-2026-001 est retirée/);
    });

    it('never makes the requester facilitator of their own request', async () => {
      // The requester is in the Lab team here, and so in the pool.
      const id = (await click(ADMIN, 'session.submit', VALID_FORM)).includes('LAB-2026-001')
        ? (await store.list())[0]!.id
        : assert.fail('not submitted');
      const card = await click(ADMIN, 'session.qualify', {
        requestId: id,
        facilitators: `${ADMIN.aadObjectId},${FACILITATOR_B.aadObjectId}`,
      });
      assert.match(card, /Le demandeur ne peut pas être facilitateur de sa propre demande/);
      assert.equal((await store.get(id))?.facilitators.length, 0);
    });

    it('refuses data of the wrong type before any handler runs', async () => {
      const id = await submitted();
      for (const data of [{ requestId: 42 }, { requestId: 'x'.repeat(500) }, {}]) {
        const card = await click(ADMIN, 'session.view', data);
        assert.doesNotMatch(card, /Accueil/);
      }
      const decision = await click(ADMIN, 'session.decide', {
        requestId: id,
        decision: 'approve-all',
        reason: 'x',
      });
      assert.doesNotMatch(decision, /Décision enregistrée/);
      assert.equal((await store.get(id))?.status, 'requested');
    });

    it('shows Markdown and bidirectional overrides as plain text on the Lab team’s cards', async () => {
      await click(REQUESTER, 'session.submit', {
        ...VALID_FORM,
        subject: 'Voir [ici](https://evil.example/x) \u202Egnp.exe',
      });
      const [request] = await store.list();
      assert.ok(request);
      assert.doesNotMatch(request.fields.subject, /\u202E/);
      const [notice] = await outboxPayloads(`lab-session:${request.id}:requested:`);
      assert.ok(notice);
      assert.doesNotMatch(notice, /\]\(https:\/\/evil/);
      assert.doesNotMatch(notice, /\u202E|\\u202e/i);
    });
  });
});
