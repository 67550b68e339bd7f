import assert from 'node:assert/strict';
import { SqlLabSessionStore } from '../../src/adapters/sql/sql-lab-session-store';
import {
  FACILITATOR_A,
  FACILITATOR_B,
  makeRequest,
  VALID_FIELDS,
} from '../support/lab-session-fixtures';
import { CheckinBot } from './support/checkin-bot';

interface Element {
  type: string;
  id?: string;
  text?: string;
  color?: string;
  value?: unknown;
  items?: Element[];
}

const PROGRAMME = 'defi-du-lab-2026';
// Tuesday 3 November 2026, 10:12 in Paris: November's check-in went out the day before.
const ON_TIME = '2026-11-03T09:12:00.000Z';

function textOf(card: unknown): string {
  return JSON.stringify(card);
}

function inputsOf(card: unknown): Element[] {
  return ((card as { body?: Element[] }).body ?? []).flatMap((element) => element.items ?? []);
}

/** The error shown right under an input: the Attention text that follows it in its container. */
function errorUnder(card: unknown, inputId: string): string | undefined {
  for (const container of (card as { body: Element[] }).body) {
    const items = container.items ?? [];
    const index = items.findIndex((item) => item.id === inputId);
    if (index >= 0) {
      const next = items[index + 1];
      return next?.color === 'Attention' ? next.text : undefined;
    }
  }
  throw new Error(`no input ${inputId} on the card`);
}

describe('check-in feature (recorded Teams activities)', () => {
  let bot: CheckinBot;

  beforeEach(async () => {
    bot = new CheckinBot();
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
  });

  it('records the lead’s answer and returns the card refreshed in place with the answer, who and when', async () => {
    const { status, card } = await bot.send('invoke-checkin-answer', ON_TIME);
    assert.equal(status, 200);
    assert.equal(card?.version, '1.5');
    assert.match(textOf(card), /Réponse enregistrée, merci/);
    assert.match(textOf(card), /Réponse de Camille Martin, le mardi 3 novembre 2026 à 10:12/);
    assert.match(textOf(card), /"value":"45\u00a0%"/);
    assert.match(textOf(card), /"value":"18 agents"/);
    assert.match(textOf(card), /Données et outils\u00a0: Obtenir les délais/);
    assert.deepEqual(
      inputsOf(card).filter((e) => e.type.startsWith('Input.')),
      [],
      'no form left',
    );
    const refresh = card?.refresh as { action: { verb: string; data: unknown }; userIds: string[] };
    assert.equal(refresh.action.verb, 'checkin.refresh');
    assert.deepEqual(refresh.action.data, {
      programmeId: PROGRAMME,
      teamId: 'team-2',
      month: '2026-11',
      verb: 'checkin.refresh',
    });
    assert.ok(refresh.userIds.includes('8:orgid:a1b2c3d4-0002-4a00-8000-00000000f002'));
    const stored = await bot.followUp!.checkins.get(PROGRAMME, 'team-2', '2026-11');
    assert.equal(stored?.progress, 45);
    assert.deepEqual(stored?.indicators, {
      'agents-touches': 18,
      'prochaine-etape': 'Pilote à Douai',
    });
    assert.equal(stored?.late, false);
  });

  it('returns the form with each error under its field, keeps what was typed, and stores nothing', async () => {
    const { card } = await bot.send('invoke-checkin-answer-invalid', ON_TIME);
    assert.match(textOf(card), /Vérifiez les champs signalés/);
    assert.equal(errorUnder(card, 'progress'), 'Doit valoir au plus 100');
    assert.equal(errorUnder(card, 'done'), 'Champ obligatoire');
    assert.equal(errorUnder(card, 'helpText'), 'Champ obligatoire');
    assert.equal(errorUnder(card, 'status'), undefined);
    assert.equal(
      inputsOf(card).find((e) => e.id === 'nextSteps')?.value,
      'Tester le kit sur trois recrutements de décembre.',
    );
    assert.equal(await bot.followUp!.checkins.get(PROGRAMME, 'team-2', '2026-11'), undefined);
  });

  it('says the errors in English for an English Teams client', async () => {
    const { card } = await bot.send('invoke-checkin-answer-english-invalid', ON_TIME);
    assert.equal(errorUnder(card, 'progress'), 'Must be at most 100');
    assert.match(textOf(card), /November 2026 check-in — Team 2 · Kit à recruter/);
  });

  it('refuses a member who may not answer, in the channel, and stores nothing', async () => {
    const { status, card } = await bot.send('invoke-checkin-answer-channel-member', ON_TIME);
    assert.equal(status, 200);
    assert.match(textOf(card), /Seuls le référent de l’équipe «\u202fKit à recruter\u202f»/);
    assert.match(textOf(card), /Le référent de l’équipe répond à ce point mensuel/);
    assert.equal(await bot.followUp!.checkins.get(PROGRAMME, 'team-2', '2026-11'), undefined);
  });

  it('shows a facilitator the answer when Teams refreshes the channel card, without an edit button', async () => {
    await bot.send('invoke-checkin-answer', ON_TIME);
    const { card } = await bot.send('invoke-checkin-refresh-channel', '2026-11-03T10:30:00.000Z');
    assert.match(textOf(card), /Réponse de Camille Martin/);
    assert.doesNotMatch(textOf(card), /checkin\.edit/);
  });

  it('lets the lead edit the answer: the form comes back filled in', async () => {
    await bot.send('invoke-checkin-answer', ON_TIME);
    const { card } = await bot.send('invoke-checkin-edit', '2026-11-04T08:00:00.000Z');
    assert.equal(inputsOf(card).find((e) => e.id === 'progress')?.value, 45);
    assert.equal(inputsOf(card).find((e) => e.id === 'helpCategory')?.value, 'data');
    assert.match(textOf(card), /"verb":"checkin.answer"/);
  });

  it('marks an answer given after the escalation day as late', async () => {
    const { card } = await bot.send('invoke-checkin-answer', '2026-11-16T10:00:00.000Z');
    assert.match(textOf(card), /marquée en retard/);
    assert.equal((await bot.followUp!.checkins.get(PROGRAMME, 'team-2', '2026-11'))?.late, true);
  });

  it('answers the Action.Submit fallback with a new card', async () => {
    await bot.send('message-submit-checkin-answer', ON_TIME);
    const [card] = bot.postedCards();
    assert.match(textOf(card), /Réponse enregistrée/);
    assert.ok(await bot.followUp!.checkins.get(PROGRAMME, 'team-2', '2026-11'));
  });

  it('shows "historique" to the lead in personal chat and to a facilitator in the team’s channel', async () => {
    await bot.send('invoke-checkin-answer', ON_TIME);
    await bot.send('personal-message-historique', '2026-11-20T08:30:00.000Z');
    await bot.send('channel-message-historique', '2026-11-20T09:05:00.000Z');
    const [personal, channel] = bot.postedCards();
    for (const card of [personal, channel]) {
      assert.match(textOf(card), /Historique des points mensuels/);
      assert.match(textOf(card), /Équipe 2 · Kit à recruter/);
      assert.match(textOf(card), /novembre 2026 · En bonne voie · 45\u00a0% · Camille Martin/);
    }
    assert.doesNotMatch(textOf(channel), /Équipe 1/, 'only the channel’s team');
  });

  it('gives the Lab team the calendar of the next 30 days', async () => {
    await bot.send('personal-message-calendrier-admin', '2026-11-20T08:30:00.000Z');
    const [card] = bot.postedCards();
    assert.match(textOf(card), /Calendrier des envois/);
    assert.match(textOf(card), /jeudi 26 novembre 2026/);
    assert.match(
      textOf(card),
      /09:30 \(America\/Cayenne\) · préparation du bilan · Équipe 1 · Caf'enir → Maëlys Horth/,
    );
    assert.match(textOf(card), /mardi 1 décembre 2026/);
  });

  it('lists the Lab sessions’ sends of the same days under the programme’s, for the Lab team', async () => {
    // A session on Thursday 17 December: its J-21 (26 Nov) and J-7 (10 Dec) reminders fall within 30 days.
    await new SqlLabSessionStore(bot.harness.bot.database.db).insert(
      makeRequest({
        status: 'preparation',
        facilitators: [FACILITATOR_A, FACILITATOR_B],
        sessionDay: '2026-12-17',
        coldDebriefDay: '2027-01-28',
        fields: { ...VALID_FIELDS, subject: 'Accueil [des](https://exemple.invalid) allocataires' },
      }),
    );
    await bot.send('personal-message-calendrier-admin', '2026-11-20T08:30:00.000Z');
    const text = textOf(bot.postedCards()[0]);
    assert.match(text, /Sessions du Lab \(détail\u00a0: «\u202fcalendrier des sessions\u202f»\)/);
    assert.match(
      text,
      /jeudi 26 novembre 2026 · 09:30 \(Europe\/Paris\) · rappel J-21\u00a0: [^"]+ · LAB-2026-001/,
    );
    assert.match(text, /jeudi 10 décembre 2026 · 09:30 \(Europe\/Paris\) · rappel J-7/);
    assert.doesNotMatch(text, /\]\(https:\/\/exemple\.invalid\)/);

    await bot.send('personal-message-calendrier', '2026-11-20T08:30:00.000Z');
    const refused = textOf(bot.postedCards()[1]);
    assert.doesNotMatch(refused, /LAB-2026-001|Sessions du Lab/);
  });

  it('refuses the calendar to someone outside the Lab team', async () => {
    await bot.send('personal-message-calendrier', '2026-11-20T08:30:00.000Z');
    const [card] = bot.postedCards();
    assert.match(textOf(card), /réservé à l’équipe du Lab/);
    assert.doesNotMatch(textOf(card), /Maëlys Horth/);
  });

  it('records "je suis absente jusqu’au 04/12" and ends it on "je suis de retour"', async () => {
    await bot.send('personal-message-absent', '2026-11-20T08:30:00.000Z');
    await bot.send('personal-message-de-retour', '2026-11-21T08:30:00.000Z');
    const cards = bot.postedCards();
    assert.match(textOf(cards[0]), /aucun rappel jusqu’au vendredi 4 décembre 2026 inclus/);
    assert.match(textOf(cards[1]), /Bon retour/);
    assert.equal(
      await bot.followUp!.absences.get('6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b'),
      undefined,
    );
  });

  it('records the December review preparation from its card', async () => {
    const { card } = await bot.send('invoke-review-answer-preparation', '2026-11-27T14:00:00.000Z');
    assert.match(textOf(card), /Enregistré, merci/);
    assert.match(textOf(card), /Préparation du bilan de décembre — Équipe 2 · Kit à recruter/);
    const stored = await bot.followUp!.reviews.get(PROGRAMME, 'team-2', 'december', 'preparation');
    assert.equal(
      stored?.kind === 'preparation' && stored.fields.nextSteps,
      'Proposer le kit aux Cpam voisines.',
    );
  });
});
