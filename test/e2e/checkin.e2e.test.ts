import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { readMockData } from './support/read-mock-data';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import type { E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';
import {
  writeFollowUpProgramme,
  type FollowUpProgrammeFile,
} from './support/write-follow-up-programme';
import { assertErrorUnder } from './support/assert-error-under';

/** The README shows these two cards. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The texts a person reads and the labels they look for; copied from the catalogue on purpose. */
const FR = {
  title: /^Point mensuel · /,
  status: 'Statut (obligatoire)',
  progress: 'Avancement de l’expérimentation (%) (obligatoire)',
  done: 'Ce qui a été fait (obligatoire)',
  nextSteps: 'Prochaines étapes (obligatoire)',
  onTrack: 'En bonne voie',
  send: 'Envoyer',
  invalid: 'Vérifiez les champs signalés\u00a0: rien n’a été enregistré.',
  required: 'Champ obligatoire',
  // "merci !" or, after the escalation day (the run's day may be late in the month), "en retard".
  saved: /^Réponse enregistrée/,
  edit: 'Modifier la réponse',
  answeredBy: (name: string) => new RegExp(`Réponse de ${name}, le .+ à \\d{2}:\\d{2}`),
};

/** What Camille, the lead, writes. */
const ANSWERS = {
  done: 'Trois ateliers avec les gestionnaires ; le nouveau parcours d’accueil est testé à Nantes.',
  nextSteps: 'Étendre le test à deux autres accueils et mesurer le temps d’attente.',
};

/**
 * The card comes from the follow-up job's catch-up (a tick every minute) through the outbox:
 * up to a minute for the tick, then the delivery. A tick that comes before the Playground has
 * installed the app finds no personal chat: the send fails and is retried on the next tick.
 */
const CHECKIN_TIMEOUT_MS = 120_000;

// The Playground's current user is the lead of a formed team whose follow-up is under way; they
// get the month's check-in card on their own, answer it wrongly, then rightly.
describe('Agents Playground, the monthly check-in (end to end)', function () {
  this.timeout(240_000);
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;
  let programme: FollowUpProgrammeFile;

  usePlaygroundSession({
    programmeFile: (workDir) =>
      (programme = writeFollowUpProgramme(workDir, readMockData().currentUser)),
    onReady: (started, opened) => {
      stack = started;
      chat = opened;
    },
  });

  /** The newest check-in card (it is replaced in place when answered). */
  const checkinCard = (): Locator =>
    chat.page
      .locator('.ac-adaptiveCard')
      .filter({ has: chat.page.getByRole('heading', { name: FR.title }) })
      .last();

  it('brings the lead the month’s check-in card in personal chat', async function () {
    const card = checkinCard();
    await card.waitFor({ state: 'visible', timeout: CHECKIN_TIMEOUT_MS });
    const text = await card.innerText();
    assert.match(
      text,
      new RegExp(`${programme.name} · référent\u00a0: ${stack!.currentUser.name}`),
    );
    assert.ok(text.includes(`Équipe ${programme.team.number} · ${programme.team.name}`), text);
    for (const label of [FR.progress, FR.done, FR.nextSteps]) {
      assert.ok(await card.getByLabel(label, { exact: true }).isVisible(), `field "${label}"`);
    }
    await screenshotWholeCard(chat.page, card, 'checkin-card', [
      join(README_SCREENSHOTS, 'checkin-card.png'),
    ]);
  });

  it('shows the error under "Prochaines étapes" when it is left empty', async function () {
    const card = checkinCard();
    await card.getByRole('combobox', { name: FR.status, exact: true }).click();
    await chat.page.getByRole('option', { name: FR.onTrack, exact: true }).click();
    await card.getByLabel(FR.progress, { exact: true }).fill('40');
    await card.getByLabel(FR.done, { exact: true }).fill(ANSWERS.done);
    await card.getByRole('button', { name: FR.send, exact: true }).click();

    // Action.Execute: the form comes back in place, with the error and what was typed.
    const sent = checkinCard();
    await sent.getByText(FR.invalid, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await assertErrorUnder(sent, FR.nextSteps, FR.required);
    assert.equal(await sent.getByLabel(FR.done, { exact: true }).inputValue(), ANSWERS.done);
    assert.equal(await sent.getByLabel(FR.progress, { exact: true }).inputValue(), '40');
    await screenshotWholeCard(chat.page, sent, 'checkin-error', [
      join(README_SCREENSHOTS, 'checkin-error.png'),
    ]);
  });

  it('refreshes the card with the answer once it is corrected', async function () {
    const card = checkinCard();
    await card.getByLabel(FR.nextSteps, { exact: true }).fill(ANSWERS.nextSteps);
    await card.getByRole('button', { name: FR.send, exact: true }).click();
    const answered = checkinCard();
    await answered.getByText(FR.saved).waitFor({ timeout: UI_TIMEOUT_MS });
    const text = await answered.innerText();
    assert.match(text, FR.answeredBy(stack!.currentUser.name));
    assert.match(text, /Avancement de l’expérimentation \(%\)\s+40\u00a0%/);
    assert.ok(text.includes(ANSWERS.nextSteps), 'the answer is on the card');
    assert.ok(
      await answered.getByRole('button', { name: FR.edit, exact: true }).isVisible(),
      'the lead may edit it',
    );
    await screenshotWholeCard(chat.page, answered, 'checkin-answered', [
      join(README_SCREENSHOTS, 'checkin-answered.png'),
    ]);
  });
});
