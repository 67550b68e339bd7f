import assert from 'node:assert/strict';
import { loadActivity } from '../support/load-activity';
import { CheckinBot } from './support/checkin-bot';

// Tuesday 3 November 2026, 10:12 in Paris: November's check-in went out the day before.
const ON_TIME = '2026-11-03T09:12:00.000Z';
const NOT_READER = /réservée aux membres de l’équipe, à ses facilitateurs et à l’équipe du Lab/;
/** Words of the team's answer that must never reach someone outside the team. */
const ANSWER_WORDS = [/Douai/, /Camille Martin/, /Réponse de/, /Kit à recruter/];

function textOf(card: unknown): string {
  return JSON.stringify(card);
}

describe('who reads a team’s check-ins and reviews (hostile activities)', () => {
  let bot: CheckinBot;

  beforeEach(async () => {
    bot = new CheckinBot();
    await bot.start();
    // The lead answers: there is something to read.
    const { card } = await bot.send('invoke-checkin-answer', ON_TIME);
    assert.match(textOf(card), /Réponse enregistrée/);
  });

  afterEach(async () => {
    await bot.stop();
  });

  for (const fixture of [
    'hostile/checkin-refresh-other-team',
    'hostile/checkin-edit-other-team',
    'hostile/checkin-answer-other-team',
    'hostile/review-refresh-other-team',
    'hostile/review-answer-other-team',
  ]) {
    it(`shows a member of another team nothing of this one (${fixture})`, async () => {
      const { status, card } = await bot.send(fixture, ON_TIME);
      assert.equal(status, 200);
      const text = textOf(card);
      assert.match(text, NOT_READER);
      for (const words of ANSWER_WORDS) assert.doesNotMatch(text, words);
      // Nothing of the answer changed.
      const stored = await bot.followUp!.checkins.get('defi-du-lab-2026', 'team-2', '2026-11');
      assert.equal(stored?.answeredBy.name, 'Camille Martin');
      assert.equal(stored?.revision, 1);
    });
  }

  it('pauses nobody’s reminders through a card the sender may not see', async () => {
    const { card } = await bot.send('hostile/checkin-pause-other-team', ON_TIME);
    assert.match(textOf(card), NOT_READER);
    const stranger = (
      loadActivity('hostile/checkin-pause-other-team').from as { aadObjectId: string }
    ).aadObjectId;
    assert.equal(await bot.followUp!.absences.get(stranger), undefined);
  });
});

describe('two people answering the same check-in', () => {
  let bot: CheckinBot;

  beforeEach(async () => {
    bot = new CheckinBot();
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
  });

  /** The recorded answer, as made from a card that showed `revision`, with other words. */
  function answerFrom(revision: number, done: string): Record<string, unknown> {
    const activity = loadActivity('invoke-checkin-answer');
    const action = (activity.value as { action: { data: Record<string, unknown> } }).action;
    action.data = { ...action.data, revision, done };
    return activity;
  }

  it('keeps the first answer and shows the second person who answered, saving nothing of theirs', async () => {
    bot.harness.clock.set(new Date(ON_TIME));
    const [first, second] = await Promise.all([
      bot.harness.send(answerFrom(0, 'Première réponse.')),
      bot.harness.send(answerFrom(0, 'Seconde réponse.')),
    ]);
    const cards = [first, second].map((response) => textOf(response.body));
    const saved = cards.filter((text) => /Réponse enregistrée/.test(text));
    const refused = cards.filter((text) => /a répondu entre-temps/.test(text));
    assert.equal(saved.length, 1, cards.join('\n'));
    assert.equal(refused.length, 1, cards.join('\n'));
    const stored = await bot.followUp!.checkins.get('defi-du-lab-2026', 'team-2', '2026-11');
    assert.equal(stored?.revision, 1);
    // The refused card shows the answer that was kept, not the one that was refused.
    assert.ok(refused[0]!.includes(stored.done), refused[0]);
    assert.ok(saved[0]!.includes(stored.done));
  });

  it('refuses an edit made from a card older than the stored answer, showing the newer one', async () => {
    await bot.send('invoke-checkin-answer', ON_TIME);
    const newer = await bot.harness.send(answerFrom(1, 'Mise à jour du mardi.'));
    assert.match(textOf(newer.body), /Réponse enregistrée/);
    const stale = await bot.harness.send(answerFrom(1, 'Modification tardive.'));
    const text = textOf(stale.body);
    assert.match(
      text,
      /Camille Martin a répondu entre-temps \(le mardi 3 novembre 2026 à 10:1\d\)/,
    );
    assert.match(text, /Mise à jour du mardi/);
    assert.doesNotMatch(text, /Modification tardive/);
    const stored = await bot.followUp!.checkins.get('defi-du-lab-2026', 'team-2', '2026-11');
    assert.equal(stored?.done, 'Mise à jour du mardi.');
    assert.equal(stored?.revision, 2);
  });
});
