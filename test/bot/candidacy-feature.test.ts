import assert from 'node:assert/strict';
import {
  actionOf,
  BOT_PROGRAMME,
  CAMILLE,
  CandidacyBot,
  candidate,
  textOf,
} from './support/candidacy-bot';

interface Element {
  type: string;
  id?: string;
  text?: string;
  color?: string;
  value?: unknown;
  items?: Element[];
}

/** The error shown right under an input: the Attention text that follows it in its container. */
function errorUnder(card: unknown, inputId: string): string | undefined {
  const containers = ((card as { body: Element[] }).body ?? []).filter(
    (e) => e.items !== undefined,
  );
  for (const container of containers) {
    const items = container.items ?? [];
    const index = items.findIndex((item) => item.id === inputId);
    if (index >= 0) {
      const next = items[index + 1];
      return next?.color === 'Attention' ? next.text : undefined;
    }
  }
  throw new Error(`no input ${inputId} on the card`);
}

function inputValue(card: unknown, inputId: string): unknown {
  const containers = ((card as { body: Element[] }).body ?? []).filter(
    (e) => e.items !== undefined,
  );
  return containers.flatMap((c) => c.items ?? []).find((item) => item.id === inputId)?.value;
}

describe('candidacy feature (recorded Teams activities)', () => {
  let bot: CandidacyBot;

  beforeEach(async () => {
    bot = new CandidacyBot();
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('answers "candidater" with the form, in French, named after the Teams identity', async () => {
    await bot.send('personal-message-candidater');
    const sent = bot.harness.connector.sentActivities();
    const card = (sent[0]?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    assert.match(textOf(card), /Candidature\u00a0: Défi du Lab \(essai\)/);
    assert.match(textOf(card), /Candidature de Camille Martin/);
    assert.match(textOf(card), /Votre motivation \(2 000 caractères au plus\)/);
    assert.match(textOf(card), /"verb":"candidacy.submit"/);
    assert.match(textOf(card), /"type":"Action.Submit"/, 'every Execute has its Submit fallback');
    assert.equal(errorUnder(card, 'motivation'), undefined);
  });

  it('returns the same card with each error under its field, and stores nothing', async () => {
    const { status, card } = await bot.send('invoke-candidacy-submit-invalid');
    assert.equal(status, 200);
    // The banner names the fields it counts, and required fields say so in their label.
    assert.match(
      textOf(card),
      /2 champ\(s\) à corriger\u00a0: Votre motivation \(2 000 caractères au plus\), Thème souhaité n° 2 \(facultatif\)/,
    );
    assert.match(
      textOf(card),
      /"id":"motivation","label":"Votre motivation \(2 000 caractères au plus\) \(obligatoire\)"/,
    );
    assert.match(textOf(card), /"id":"themeWish2","label":"Thème souhaité n° 2 \(facultatif\)"/);
    assert.equal(errorUnder(card, 'motivation'), 'Champ obligatoire');
    assert.match(errorUnder(card, 'themeWish2') ?? '', /apparaît deux fois/);
    // No consent box: the information notice is shown instead, and nothing is to be accepted.
    assert.doesNotMatch(textOf(card), /"id":"consent"/);
    assert.match(textOf(card), /base légale\u00a0: mission de service public/);
    assert.equal(errorUnder(card, 'region'), undefined);
    // What the candidate typed is kept on the card.
    assert.equal(inputValue(card, 'region'), 'Guyane');
    assert.deepEqual(await bot.core!.candidacies.list(BOT_PROGRAMME.id), []);
  });

  it('shows the errors in English for an English Teams client', async () => {
    const { card } = await bot.send('invoke-candidacy-submit-invalid-english');
    assert.equal(errorUnder(card, 'motivation'), 'Required field');
    assert.match(textOf(card), /field\(s\) to correct/);
  });

  it('answers the Action.Submit fallback with a new card carrying the errors', async () => {
    await bot.send('message-submit-candidacy-invalid');
    const sent = bot.harness.connector.sentActivities();
    const card = (sent[0]?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    assert.equal(errorUnder(card, 'motivation'), 'Champ obligatoire');
  });

  it('confirms a valid candidacy and reopens it for editing with its answers', async () => {
    const { card } = await bot.send('invoke-candidacy-submit');
    assert.match(textOf(card), /Candidature envoyée/);
    assert.match(textOf(card), /vendredi 27 novembre 2026/);
    const stored = await bot.core!.candidacies.list(BOT_PROGRAMME.id);
    assert.deepEqual(
      stored.map((c) => [c.id, c.applicant.name, c.status]),
      [['cand-1', 'Camille Martin', 'submitted']],
    );
    const { card: form } = await bot.send('invoke-candidacy-submit', { data: { region: '' } });
    assert.equal(errorUnder(form, 'region'), 'Champ obligatoire');
    assert.match(textOf(form), /Enregistrer les modifications/);
    assert.match(textOf(form), /Retirer ma candidature/);
  });

  it('refuses a submission after the closing day and shows the form read-only, saying why', async () => {
    bot.harness.clock.set(new Date('2026-11-27T23:30:00.000Z'));
    const { card } = await bot.send('invoke-candidacy-submit');
    assert.match(
      textOf(card),
      /Formulaire en lecture seule\u00a0: les candidatures sont closes depuis le vendredi 27 novembre 2026 au soir/,
    );
    assert.doesNotMatch(textOf(card), /"type":"Input\./);
    assert.deepEqual(await bot.core!.candidacies.list(BOT_PROGRAMME.id), []);
  });

  it('withdraws a candidacy after asking, and "Annuler" keeps it as it was', async () => {
    await bot.send('invoke-candidacy-submit');
    const before = await bot.core!.candidacies.get('cand-1');
    const asked = await bot.send('invoke-candidacy-withdraw');
    assert.match(
      textOf(asked.card),
      /Retirer votre candidature au programme «\u202fDéfi du Lab \(essai\)\u202f»\u202f\?/,
    );
    assert.match(textOf(asked.card), /ne sera plus étudiée/);
    assert.doesNotMatch(textOf(asked.card), /Votre place sera libérée/, 'no place held yet');
    assert.equal(actionOf(asked.card, 'destructive')?.title, 'Confirmer');
    assert.deepEqual(await bot.core!.candidacies.get('cand-1'), before);

    const cancel = actionOf(asked.card, 'Annuler');
    assert.equal(cancel?.verb, 'candidacy.open');
    const back = await bot.click('invoke-candidacy-withdraw', cancel);
    assert.doesNotMatch(textOf(back.card), /Candidature retirée|Retirer votre candidature à/);
    assert.match(textOf(back.card), /Candidature\u00a0: Défi du Lab \(essai\)/);
    assert.deepEqual(await bot.core!.candidacies.get('cand-1'), before);

    const { card } = await bot.sendConfirmed('invoke-candidacy-withdraw');
    assert.match(textOf(card), /Candidature retirée/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.status, 'withdrawn');
  });

  it('asks the manager for an endorsement and tells the candidate the answer', async () => {
    await bot.stop();
    bot = new CandidacyBot();
    await bot.start({ ...BOT_PROGRAMME, endorsementRequired: true });
    const manager = '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    // The manager talked to the bot before, and Teams gave their email then.
    await bot.people!.record(
      { aadId: manager, name: 'Hugo Martin', email: 'Manager.Martin@caf-guyane.fr' },
      new Date('2026-11-19T10:00:00.000Z'),
    );
    await bot.send('invoke-candidacy-submit');
    const [request] = bot.notifier.ofKind('candidacy.endorsementRequest');
    assert.deepEqual(request?.recipient, { kind: 'user', aadId: manager });

    const { card } = await bot.send('invoke-candidacy-endorse');
    assert.match(
      textOf(card),
      /votre avis \(favorable\) est enregistré et transmis à Camille Martin/,
    );
    const [answered] = bot.notifier.ofKind('candidacy.endorsementAnswered');
    assert.deepEqual(answered?.recipient, { kind: 'user', aadId: CAMILLE.aadObjectId });
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'endorsed');

    const again = await bot.send('invoke-candidacy-endorse');
    assert.match(textOf(again.card), /cet avis a déjà été donné/);
  });

  it('asks the manager before an unfavourable opinion, naming the candidate; "Annuler" shows the request again', async () => {
    await bot.stop();
    bot = new CandidacyBot();
    await bot.start({ ...BOT_PROGRAMME, endorsementRequired: true });
    await bot.people!.record(
      {
        aadId: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        name: 'Hugo Martin',
        email: 'Manager.Martin@caf-guyane.fr',
      },
      new Date('2026-11-19T10:00:00.000Z'),
    );
    await bot.send('invoke-candidacy-submit');
    const declined = { data: { verdict: 'declined', comment: 'Pas cette année.' } };
    const asked = await bot.send('invoke-candidacy-endorse', declined);
    assert.match(textOf(asked.card), /Donner un avis défavorable\u202f\?/);
    assert.match(textOf(asked.card), /Camille Martin recevra votre avis défavorable/);
    const confirm = actionOf(asked.card, 'destructive');
    assert.equal(confirm?.data.comment, 'Pas cette année.', 'the comment typed goes with it');
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'pending');
    assert.deepEqual(bot.notifier.ofKind('candidacy.endorsementAnswered'), []);

    const cancel = actionOf(asked.card, 'Annuler')!;
    const back = await bot.click('invoke-candidacy-endorse', cancel);
    assert.match(textOf(back.card), /Avis défavorable/);
    assert.match(textOf(back.card), /Camille Martin/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'pending');

    const { card } = await bot.sendConfirmed('invoke-candidacy-endorse', declined);
    assert.match(textOf(card), /défavorable/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'declined');
  });

  it('asks a stranger nothing about an endorsement and names nobody to them', async () => {
    await bot.stop();
    bot = new CandidacyBot();
    await bot.start({ ...BOT_PROGRAMME, endorsementRequired: true });
    await bot.send('invoke-candidacy-submit');
    const asked = await bot.send('invoke-candidacy-endorse', {
      as: candidate(7),
      data: { verdict: 'declined' },
    });
    assert.doesNotMatch(textOf(asked.card), /Camille Martin/);
    const shown = await bot.click(
      'invoke-candidacy-endorse',
      {
        verb: 'candidacy.showEndorsement',
        data: { programmeId: BOT_PROGRAMME.id, candidacyId: 'cand-1' },
      },
      candidate(7),
    );
    assert.match(textOf(shown.card), /Aucun|aucun/);
    assert.doesNotMatch(textOf(shown.card), /Camille Martin/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'pending');
  });

  it('refuses an endorsement from someone other than the named manager', async () => {
    await bot.stop();
    bot = new CandidacyBot();
    await bot.start({ ...BOT_PROGRAMME, endorsementRequired: true });
    await bot.send('invoke-candidacy-submit');
    const { card } = await bot.send('invoke-candidacy-endorse', { as: candidate(7) });
    assert.match(textOf(card), /cette action ne vous est pas ouverte/);
    assert.equal((await bot.core!.candidacies.get('cand-1'))?.endorsement?.status, 'pending');
  });

  it('lets another candidate apply for the same programme independently', async () => {
    await bot.apply(CAMILLE, 'caf-guyane');
    await bot.apply(candidate(2), 'cnav');
    assert.equal((await bot.core!.candidacies.list(BOT_PROGRAMME.id)).length, 2);
  });
});
