import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { addDays, toFrenchDay, toParisDay } from './support/paris-days';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import type { E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';
import {
  writeOpenCallProgramme,
  type OpenCallProgramme,
} from './support/write-open-call-programme';
import { assertErrorUnder } from './support/assert-error-under';

/** The README shows these two cards. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The texts a person reads and the labels they look for; copied from the catalogue on purpose. */
const FR = {
  formTitle: (programme: string) => `Candidature : ${programme}`,
  applicant: (name: string) => `Candidature de ${name}`,
  organisation: 'Organisme (obligatoire)',
  jobRole: 'Catégorie d’emploi (obligatoire)',
  region: 'Région (obligatoire)',
  motivation: 'Votre motivation (2 000 caractères au plus) (obligatoire)',
  themeWish1: 'Thème souhaité n° 1 (obligatoire)',
  themeWish2: 'Thème souhaité n° 2 (facultatif)',
  kickOff: (day: string) => `Je serai disponible pour la journée de lancement (${day})`,
  hackathon: (start: string, end: string) =>
    `Je serai disponible pour le hackathon (du ${start} au ${end})`,
  notice: /base légale\u00a0: mission de service public/,
  submit: 'Envoyer ma candidature',
  errors: (count: number, fields: string) =>
    `Votre candidature n’est pas envoyée\u00a0: ${count} champ(s) à corriger\u00a0: ${fields}.`,
  required: 'Champ obligatoire',
  sent: 'Candidature envoyée',
  overviewTitle: (programme: string) => `Candidatures : ${programme}`,
  list: 'Liste des candidatures',
  listPage: '1 candidature(s)\u202f; page 1 sur 1',
  open: (name: string) => `Ouvrir la candidature de ${name}`,
  accept: 'Retenir',
  decided:
    'Décision enregistrée\u00a0: retenue, participation à confirmer. La personne est prévenue.',
  decisionTitle: (programme: string) =>
    `Votre candidature est retenue pour le programme «\u202f${programme}\u202f»\u202f!`,
  confirmBy: (day: string) =>
    `Confirmez votre participation au plus tard le ${day}. Sans réponse, votre place sera proposée à une autre personne.`,
  confirm: 'Je confirme ma participation',
  renounce: 'Je renonce',
};

/** What Camille, of the Cnaf, writes in the form. */
const ANSWERS = {
  organisation: 'Caisse nationale des allocations familiales',
  jobRole: 'Expertise, conseil, contrôle',
  region: 'Île-de-France',
  motivation:
    'Je pilote la refonte des courriers aux allocataires et je veux tester des idées avec des collègues d’autres branches.',
};

/** The proactive decision card is delivered by the outbox worker; it takes a few seconds at most. */
const NOTICE_TIMEOUT_MS = UI_TIMEOUT_MS;

// One person's session in the Agents Playground, step by step: each test continues the previous
// one. The Playground's current user is both the candidate and the Lab admin (no user switcher).
describe('Agents Playground, candidacy from form to decision (end to end)', function () {
  this.timeout(120_000);
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;
  let programme: OpenCallProgramme;

  usePlaygroundSession({
    programmeFile: (workDir) => (programme = writeOpenCallProgramme(workDir)),
    onReady: (started, opened) => {
      stack = started;
      chat = opened;
    },
  });

  /** The newest form card (it is replaced in place when sent). */
  const form = (): Locator => chat.cards(FR.formTitle(programme.name)).last();

  /** A ChoiceSet by its label (its chevron button shares the label: take the combobox). */
  const choiceSet = (card: Locator, label: string): Locator =>
    card.getByRole('combobox', { name: label, exact: true });

  /** Opens a ChoiceSet and picks an option in its listbox, as a person does with the mouse. */
  async function choose(card: Locator, label: string, option: string): Promise<void> {
    await choiceSet(card, label).click();
    await chat.page.getByRole('option', { name: option, exact: true }).click();
    await assertValue(choiceSet(card, label), option);
  }

  /** Waits until `input` shows `expected` (a picked option is written in after a render). */
  async function assertValue(input: Locator, expected: string): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let value = await input.inputValue();
    while (value !== expected && Date.now() < deadline) {
      await chat.page.waitForTimeout(50);
      value = await input.inputValue();
    }
    assert.equal(value, expected);
  }

  it('answers "candidater" with the form of the programme whose call is open', async function () {
    await chat.send('candidater');
    const card = await chat.waitForNewCard(FR.formTitle(programme.name), 0);
    const text = await card.innerText();
    assert.match(text, new RegExp(FR.applicant(stack!.currentUser.name)));
    assert.match(text, new RegExp(`jusqu’au ${toFrenchDay(programme.milestones.candidacyClose)}`));
    for (const label of [FR.organisation, FR.jobRole, FR.themeWish1]) {
      assert.ok(await choiceSet(card, label).isVisible(), `choice "${label}"`);
    }
    for (const label of [FR.region, FR.motivation]) {
      assert.ok(await card.getByLabel(label, { exact: true }).isVisible(), `field "${label}"`);
    }
    // No consent box: the information notice says on what basis the data is processed.
    assert.match(text, FR.notice);
  });

  it('shows the error under its field when the form is sent without motivation', async function () {
    const card = form();
    await choose(card, FR.organisation, ANSWERS.organisation);
    await choose(card, FR.jobRole, ANSWERS.jobRole);
    await card.getByLabel(FR.region, { exact: true }).fill(ANSWERS.region);
    await choose(card, FR.themeWish1, programme.themes[0]!);
    await choose(card, FR.themeWish2, programme.themes[2]!);
    const { kickOff, hackathonStart, hackathonEnd } = programme.milestones;
    await card.getByLabel(FR.kickOff(toFrenchDay(kickOff)), { exact: true }).check();
    await card
      .getByLabel(FR.hackathon(toFrenchDay(hackathonStart), toFrenchDay(hackathonEnd)), {
        exact: true,
      })
      .check();
    await card.getByRole('button', { name: FR.submit, exact: true }).click();

    // Action.Execute: the form comes back in place, with the errors and what was typed.
    const sent = form();
    await sent
      .getByText(FR.errors(1, FR.motivation.replace(' (obligatoire)', '')), { exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await assertErrorUnder(sent, FR.motivation, FR.required);
    await assertValue(sent.getByLabel(FR.region, { exact: true }), ANSWERS.region);
    await assertValue(choiceSet(sent, FR.organisation), ANSWERS.organisation);
    assert.equal(await chat.cards(FR.formTitle(programme.name)).count(), 1, 'replaced in place');
    await screenshotWholeCard(chat.page, sent, 'candidacy-form-error', [
      join(README_SCREENSHOTS, 'candidacy-form-error.png'),
    ]);
  });

  it('sends the candidacy once the motivation is written', async function () {
    const card = form();
    await card.getByLabel(FR.motivation, { exact: true }).fill(ANSWERS.motivation);
    await card.getByRole('button', { name: FR.submit, exact: true }).click();

    const confirmation = await chat.waitForNewCard(FR.sent, 0);
    const text = await confirmation.innerText();
    assert.match(text, new RegExp(`Merci ${stack!.currentUser.name}\u202f!`));
    assert.match(
      text,
      new RegExp(`Votre candidature au programme «\u202f${programme.name}\u202f» est enregistrée`),
    );
    assert.match(text, new RegExp(ANSWERS.organisation));
    await chat.screenshot('candidacy-sent', confirmation);
  });

  it('lists the candidacy for the Lab admin, who opens it and accepts it', async function () {
    await chat.send('candidatures');
    const overview = await chat.waitForNewCard(FR.overviewTitle(programme.name), 0);
    await overview.getByRole('button', { name: FR.list, exact: true }).click();

    // The list card takes the overview's place (same title): wait for its page line.
    const list = chat.cards(FR.overviewTitle(programme.name)).last();
    await list.getByText(FR.listPage, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await list
      .getByText(`${ANSWERS.organisation} · envoyée`, { exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await chat.screenshot('candidacy-list', list);
    await list.getByRole('button', { name: FR.open(stack!.currentUser.name), exact: true }).click();

    const detail = await chat.waitForNewCard(stack!.currentUser.name, 0);
    assert.match(await detail.innerText(), new RegExp(ANSWERS.motivation));
    await detail.getByRole('button', { name: FR.accept, exact: true }).click();
    await chat
      .cards(stack!.currentUser.name)
      .last()
      .getByText(FR.decided, { exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await chat.screenshot('candidacy-decided', chat.cards(stack!.currentUser.name).last());
  });

  it('brings the candidate the decision card in the personal chat', async function () {
    // Sent by the delivery worker from the outbox, not as an answer: it arrives on its own.
    const card = chat.cards(FR.decisionTitle(programme.name)).first();
    await card.waitFor({ state: 'visible', timeout: NOTICE_TIMEOUT_MS });
    const confirmBy = toFrenchDay(addDays(toParisDay(new Date()), 7));
    const text = await card.innerText();
    assert.ok(text.includes(FR.confirmBy(confirmBy)), text);
    for (const button of [FR.confirm, FR.renounce]) {
      assert.ok(
        await card.getByRole('button', { name: button, exact: true }).isVisible(),
        `button "${button}"`,
      );
    }
    await screenshotWholeCard(chat.page, card, 'decision-card', [
      join(README_SCREENSHOTS, 'decision-card.png'),
    ]);
  });
});
