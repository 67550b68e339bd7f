import assert from 'node:assert/strict';
import { measureMessageBytes, MAX_CARD_BYTES } from '../../src/adapters/teams/cards/card-size';
import { FIXTURE_ADMIN_AAD_ID } from './support/bot-harness';
import {
  actionOf,
  BOT_PROGRAMME,
  CAMILLE,
  CandidacyBot,
  candidate,
  textOf,
} from './support/candidacy-bot';

interface OpenUrl {
  type: string;
  url?: string;
}

describe('selection feature (recorded Teams activities)', () => {
  let bot: CandidacyBot;

  beforeEach(async () => {
    bot = new CandidacyBot();
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
  });

  /** Moves the harness clock to the selection committee (the call is closed). */
  function atCommittee(): void {
    bot.harness.clock.set(new Date('2026-12-04T09:00:00.000Z'));
  }

  it('asks before "Ne pas retenir", naming the candidate; "Annuler" goes back to the detail with nothing decided', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    atCommittee();
    const before = await bot.core!.candidacies.get('cand-1');
    const asked = await bot.send('invoke-selection-decide-accept', {
      data: { candidacyId: 'cand-1', decision: 'decline' },
    });
    assert.match(textOf(asked.card), /Ne pas retenir la candidature de Camille Martin\u202f\?/);
    assert.match(
      textOf(asked.card),
      /Camille Martin \(Caf de Guyane\) recevra un message disant que sa candidature/,
    );
    const confirm = actionOf(asked.card, 'destructive');
    assert.equal(confirm?.title, 'Confirmer');
    assert.equal(confirm?.data.decision, 'decline');
    assert.deepEqual(await bot.core!.candidacies.get('cand-1'), before);
    assert.deepEqual(bot.notifier.ofKind('selection.decision'), []);

    const cancel = actionOf(asked.card, 'Annuler')!;
    assert.equal(cancel.verb, 'selection.detail');
    assert.equal(cancel.data.decision, undefined);
    const back = await bot.click('invoke-selection-decide-accept', cancel);
    assert.doesNotMatch(textOf(back.card), /Ne pas retenir la candidature de/);
    assert.match(textOf(back.card), /"title":"Ne pas retenir","verb":"selection.decide"/);
    assert.deepEqual(await bot.core!.candidacies.get('cand-1'), before);

    const { card } = await bot.decide('cand-1', 'decline');
    assert.match(textOf(card), /Décision enregistrée/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.status, 'declined');
  });

  it('lets the Lab team accept a candidacy and sends the candidate the decision card', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    atCommittee();
    const { card } = await bot.decide('cand-1', 'accept');
    assert.match(textOf(card), /Décision enregistrée\u00a0: retenue, participation à confirmer/);
    assert.match(textOf(card), /À confirmer avant le/);
    const [decision] = bot.notifier.ofKind('selection.decision');
    assert.deepEqual(decision?.recipient, { kind: 'user', aadId: CAMILLE.aadObjectId });
    assert.equal(decision?.notice.data.confirmBy, '2026-12-11');
  });

  it('refuses to accept beyond the maximum per organisation, naming it', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    await bot.apply(candidate(2), 'caf-guyane');
    await bot.apply(candidate(3), 'caf-guyane');
    atCommittee();
    await bot.decide('cand-1', 'accept');
    await bot.decide('cand-2', 'accept');
    const { card } = await bot.decide('cand-3', 'accept');
    assert.match(
      textOf(card),
      /le maximum par organisme est atteint pour Caf de Guyane \(2 retenus sur 2 autorisés\)/,
    );
    assert.equal((await bot.core!.candidacies.get('cand-3'))?.status, 'submitted');
  });

  it('refuses to accept beyond the seats, naming them', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    await bot.apply(candidate(2), 'cpam-sarthe');
    await bot.apply(candidate(3), 'cnav');
    await bot.apply(candidate(4), 'cnav');
    atCommittee();
    for (const id of ['cand-1', 'cand-2', 'cand-3']) await bot.decide(id, 'accept');
    const { card } = await bot.decide('cand-4', 'accept');
    assert.match(textOf(card), /toutes les places sont prises \(3 sur 3\)/);
  });

  it('never offers a committee member their own organisation’s candidacies, nor lets them score one', async () => {
    await bot.apply(CAMILLE, 'cnav');
    await bot.apply(candidate(2), 'caf-guyane');
    atCommittee();
    const { card: list } = await bot.send('invoke-selection-list-committee');
    assert.match(textOf(list), /Candidat 2/);
    assert.doesNotMatch(textOf(list), /Camille Martin/);
    assert.match(textOf(list), /ne vous sont pas proposées/);

    const { card: refused } = await bot.send('invoke-selection-score');
    assert.match(
      textOf(refused),
      /vous ne pouvez pas évaluer une candidature de votre propre organisme \(Cnav\)/,
    );
    assert.deepEqual(await bot.core!.scores.listForCandidacy('cand-1'), []);

    const { card: saved } = await bot.send('invoke-selection-score', {
      data: { candidacyId: 'cand-2' },
    });
    assert.match(textOf(saved), /Note enregistrée/);
    const audit = await bot.core!.audit.list(BOT_PROGRAMME.id);
    // The score, then the committee member's view of the detail that answers it.
    assert.deepEqual(
      audit.map((e) => [e.action, e.subjectId]),
      [
        ['candidacy.score', 'cand-2'],
        ['candidacy.view', 'cand-2'],
      ],
    );
  });

  it('shows a score out of range next to its criterion', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    const { card } = await bot.send('invoke-selection-score', { data: { 'score.impact': '9' } });
    assert.match(textOf(card), /Doit valoir au plus 5/);
  });

  it('promotes the first compatible waitlisted candidate when an accepted one renounces, and tells the Lab team', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    await bot.apply(candidate(2), 'caf-guyane');
    await bot.apply(candidate(3), 'cpam-sarthe');
    await bot.apply(candidate(4), 'caf-guyane');
    await bot.apply(candidate(5), 'cnav');
    atCommittee();
    for (const id of ['cand-1', 'cand-2', 'cand-3']) await bot.decide(id, 'accept');
    await bot.decide('cand-4', 'waitlist');
    await bot.decide('cand-5', 'waitlist');

    // Candidate 3 (Cpam) gives up: Caf de Guyane is at its maximum, so the Cnav candidate moves up.
    const asked = await bot.send('invoke-candidacy-renounce', { as: candidate(3) });
    assert.match(
      textOf(asked.card),
      /Renoncer à votre place dans le programme «\u202fDéfi du Lab \(essai\)\u202f»\u202f\?/,
    );
    assert.match(textOf(asked.card), /proposée à la personne suivante de la liste d’attente/);
    assert.equal((await bot.core!.candidacies.get('cand-3'))?.status, 'accepted');
    const cancel = actionOf(asked.card, 'Annuler')!;
    const back = await bot.click('invoke-candidacy-renounce', cancel, candidate(3));
    assert.match(textOf(back.card), /Je renonce/);
    assert.equal((await bot.core!.candidacies.get('cand-3'))?.status, 'accepted', 'Annuler');
    assert.equal((await bot.core!.candidacies.get('cand-5'))?.status, 'waitlisted', 'Annuler');
    const { card } = await bot.sendConfirmed('invoke-candidacy-renounce', { as: candidate(3) });
    assert.match(textOf(card), /Vous avez renoncé/);
    assert.equal((await bot.core!.candidacies.get('cand-5'))?.status, 'accepted');
    assert.equal((await bot.core!.candidacies.get('cand-4'))?.status, 'waitlisted');
    const promoted = bot.notifier.ofKind('selection.decision').at(-1);
    assert.deepEqual(promoted?.recipient, { kind: 'user', aadId: candidate(5).aadObjectId });
    assert.equal(promoted?.notice.data.promoted, true);
    const [told] = bot.notifier.ofKind('selection.promoted');
    assert.deepEqual(told?.recipient, { kind: 'user', aadId: FIXTURE_ADMIN_AAD_ID });
  });

  it('gives the Lab team the counts by status, organisation and branch', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    await bot.apply(candidate(2), 'cnav');
    atCommittee();
    await bot.decide('cand-1', 'accept');
    await bot.send('personal-message-candidatures-admin');
    const sent = bot.harness.connector.sentActivities();
    const card = (sent.at(-1)?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    assert.match(textOf(card), /2 candidatures\u202f; 1 places prises sur 3/);
    assert.match(textOf(card), /"title":"Caf de Guyane","value":"1 \(retenues\u00a0: 1\)"/);
    assert.match(textOf(card), /"title":"Retraite","value":"1 \(retenues\u00a0: 0\)"/);
    assert.match(textOf(card), /Exporter \(.xlsx\)/);
  });

  it('pages the Lab team’s list ten at a time, filters it, and keeps every card under 80 KB of UTF-16', async () => {
    for (let n = 1; n <= 12; n += 1) {
      await bot.apply(candidate(n), n % 2 === 0 ? 'cnav' : 'cpam-sarthe');
    }
    const admin = { id: '29:nadia', name: 'Nadia Benali', aadObjectId: FIXTURE_ADMIN_AAD_ID };
    const first = await bot.send('invoke-selection-list-committee', { as: admin });
    assert.match(textOf(first.card), /12 candidature\(s\)\u202f; page 1 sur 2/);
    assert.match(textOf(first.card), /Page suivante/);
    assert.ok(measureMessageBytes(first.card) <= MAX_CARD_BYTES);
    const second = await bot.send('invoke-selection-list-committee', {
      as: admin,
      data: { page: 1 },
    });
    assert.match(textOf(second.card), /page 2 sur 2/);
    const cnav = await bot.send('invoke-selection-list-committee', {
      as: admin,
      data: { organisationId: 'cnav' },
    });
    assert.match(textOf(cnav.card), /6 candidature\(s\)\u202f; page 1 sur 1/);
  });

  it('opens a candidacy with decision buttons for the Lab team and scoring inputs for the committee', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    const { card: forLab } = await bot.send('invoke-selection-detail');
    assert.match(textOf(forLab), /"verb":"selection.decide"/);
    assert.doesNotMatch(textOf(forLab), /"id":"score.impact"/);
    assert.match(textOf(forLab), /Je veux contribuer au leadership éthique/);
    const { card: forMember } = await bot.send('invoke-selection-detail', {
      as: {
        id: '29:naima',
        name: 'Naïma Zarad',
        aadObjectId: '3f6c1b2a-8d4e-4f70-9a1b-2c3d4e5f6a70',
      },
    });
    assert.match(textOf(forMember), /"id":"score.impact"/);
    assert.doesNotMatch(textOf(forMember), /"verb":"selection.decide"/);
  });

  describe('export link', () => {
    async function exportLink(): Promise<string> {
      const { card } = await bot.send('invoke-selection-export-csv');
      const action = ((card as { actions: OpenUrl[] }).actions ?? []).find(
        (a) => a.type === 'Action.OpenUrl',
      );
      assert.ok(action?.url, textOf(card));
      return action.url;
    }

    it('downloads the export once through the bot’s own server, then refuses the reused link', async () => {
      await bot.apply(CAMILLE, 'caf-guyane');
      const link = await exportLink();
      assert.ok(link.startsWith(`${bot.harness.url}/exports/`));
      const first = await fetch(link);
      assert.equal(first.status, 200);
      assert.match(await first.text(), /Camille Martin/);
      const reused = await fetch(link);
      assert.equal(reused.status, 410);
      assert.match(await reused.text(), /déjà servi/);
      const audit = await bot.core!.audit.list(BOT_PROGRAMME.id);
      assert.deepEqual(
        audit.map((e) => e.action),
        ['export.link', 'export.download'],
      );
    });

    it('refuses the link after 15 minutes', async () => {
      const link = await exportLink();
      bot.harness.clock.set(new Date('2026-11-20T08:31:00.000Z'));
      const late = await fetch(link);
      assert.equal(late.status, 410);
      assert.match(await late.text(), /expiré/);
    });

    it('gives no export link to a committee member', async () => {
      const { card } = await bot.send('invoke-selection-export-csv', {
        as: {
          id: '29:naima',
          name: 'Naïma Zarad',
          aadObjectId: '3f6c1b2a-8d4e-4f70-9a1b-2c3d4e5f6a70',
        },
      });
      assert.match(textOf(card), /cette action ne vous est pas ouverte/);
    });
  });
});
