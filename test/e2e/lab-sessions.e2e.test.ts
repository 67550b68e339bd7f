import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/adapters/sql/open-database';
import { SqlPeopleDirectory } from '../../src/adapters/sql/sql-people-directory';
import { toDatabaseOptions } from '../../src/adapters/sql/to-database-options';
import { assertErrorUnder } from './support/assert-error-under';
import { toFrenchDay } from './support/paris-days';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { pickChoice } from './support/playground-team';
import { readMockData } from './support/read-mock-data';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import type { E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';

/** The README shows the request form, the qualified request, the calendar and the hot debrief. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * The bot's days in this run: a Tuesday of March 2027 at 10:00 in Paris, within everyone's
 * working hours (a card to a person waits for them), with no holiday in the weeks that follow
 * but Easter Monday (29 March), which no date of the run falls on.
 */
const START = new Date('2027-03-02T09:00:00.000Z');
/** The session day the Lab admin sets: a Thursday 37 days ahead, past the 4-week minimum. */
const SESSION_DAY = '2027-04-08';
/** The end of the session day, 17:45 in Paris (summer time): the hot debrief went at 17:30. */
const AFTER_THE_SESSION = new Date('2027-04-08T15:45:00.000Z');

/** The cold debrief's day: 6 weeks after the session (the default of 5 to 8), a working day. */
const COLD_DAY = '2027-05-20';

/** What the calendar lists for the session, day by day: four reminders, then the two debriefs. */
const SENDS = [
  ['jeudi 11 mars 2027', '09:30', 'rappel J-28\u00a0: scénario et cahier de consignes'],
  ['jeudi 18 mars 2027', '09:30', 'rappel J-21\u00a0: invitations'],
  ['jeudi 1 avril 2027', '09:30', 'rappel J-7\u00a0: logistique'],
  ['mercredi 7 avril 2027', '09:30', 'rappel J-1\u00a0: dernier point'],
  ['jeudi 8 avril 2027', '17:30', 'débriefing à chaud'],
  [toFrenchDay(COLD_DAY), '09:30', 'débriefing à froid'],
] as const;

/** The texts a person reads and the labels they look for; copied from the catalogue on purpose. */
const FR = {
  formTitle: 'Demander une session du Lab',
  subject: 'Sujet',
  problem: 'Le problème à traiter',
  intendedResult: 'Le résultat attendu',
  internal: 'Participants internes attendus',
  external: 'Participants externes attendus',
  period: 'Période souhaitée',
  constraints: 'Contraintes (lieu, dates, public…)',
  submit: 'Envoyer la demande',
  errors: 'Vérifiez les champs signalés (1)\u00a0: rien n’a été envoyé.',
  tooManyExternal: 'Au plus 30 externes ici\u00a0: une session réunit 60 personnes au maximum',
  sent: (tracking: string) => `Demande envoyée\u00a0: ${tracking}`,
  requested: (tracking: string) => `Nouvelle demande de session\u00a0: ${tracking}`,
  open: (tracking: string) => `Ouvrir la demande ${tracking}`,
  requestTitle: (tracking: string, subject: string) => `${tracking} · ${subject}`,
  facilitators: 'Les deux facilitateurs',
  qualify: 'Nommer les facilitateurs',
  qualified: (names: string) =>
    `Facilitateurs nommés\u00a0: ${names}. Le demandeur et eux sont prévenus.`,
  reachable: 'Les objectifs sont-ils atteignables\u202f?',
  yes: 'Oui',
  intention: 'Intention et posture du demandeur vérifiées',
  format: 'Format proposé (durée, méthodes, lieu)',
  effort: 'Charge de préparation estimée (jours de facilitateur)',
  risks: 'Risques',
  saveQualification: 'Enregistrer la qualification',
  qualificationSaved: 'Qualification enregistrée. L’équipe du Lab peut donner son go.',
  qualificationFact: 'objectifs atteignables · intention et posture vérifiées · 6\u00a0j',
  decision: 'Décision',
  go: 'Go',
  reason: 'Raison (dite au demandeur)',
  decide: 'Enregistrer la décision',
  decided: 'Décision enregistrée\u00a0: Go. Le demandeur et les facilitateurs sont prévenus.',
  sessionDay: 'Date de la session',
  schedule: 'Fixer la date',
  scheduled: 'Session fixée au jeudi 8 avril 2027\u202f; débriefing à froid le jeudi 20 mai 2027.',
  toldQualification: (tracking: string) => `Votre demande ${tracking} est en qualification`,
  toldGo: (tracking: string) => `Go pour la session ${tracking}`,
  toldScheduled: (tracking: string) => `Session ${tracking} fixée au jeudi 8 avril 2027`,
  // 14 weeks: a session dated 4 to 6 weeks ahead shows every send, to its cold debrief.
  calendarTitle: 'Calendrier des sessions\u00a0: les 98 prochains jours',
  calendarLine: (time: string, kind: string, tracking: string, subject: string) =>
    `${time} (Europe/Paris) · ${kind} · ${tracking} · ${subject}`,
  hotTitle: (subject: string) => `Débriefing à chaud\u00a0: ${subject}`,
  satisfaction: 'Votre satisfaction (1 à 5)',
  takeaway: 'Ce que vous en retenez',
  comment: 'Un mot libre',
  answer: 'Envoyer',
  answered: 'Merci, votre réponse est enregistrée. Vous pouvez la modifier ici.',
};

/** What Camille, who heads a Cnaf department, asks the Lab for. */
const REQUEST = {
  subject: 'Accueil des nouveaux allocataires',
  problem: 'Les premiers rendez-vous arrivent six semaines après la demande de prestation.',
  intendedResult: 'Trois prototypes de parcours d’accueil, testés avec des allocataires.',
  internal: '30',
  // 30 + 45 is over the 60 people a session gathers; she lowers it to 12.
  tooManyExternal: '45',
  external: '12',
  period: 'avril 2027, plutôt un jeudi',
  constraints: 'Dans nos locaux de Paris ; des allocataires invités.',
};
const TRACKING = 'LAB-2027-001';

/**
 * The hot debrief is queued by the Lab sessions job (a tick every minute), then delivered; the
 * first tick after the clock moved also works through the five weeks of minutes it skipped.
 */
const HOT_DEBRIEF_TIMEOUT_MS = 240_000;

// One Playground user plays every role the flow needs (the Playground has no user switcher):
// Camille Lefèvre asks for a session as a staff member, then acts as the Lab admin she also is;
// two other people of the mock data, Lab team members who never type here, are the
// facilitators (never the requester). The bot's clock starts on a working morning and is moved
// to the end of the session day for the hot debrief. Each test continues the previous one.
describe('Agents Playground, a Lab session from the request to the hot debrief (end to end)', function () {
  this.timeout(240_000);
  const mock = readMockData();
  const [sophie, thomas] = mock.users;
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;

  usePlaygroundSession({
    seedDemo: false,
    clock: START,
    botEnv: {
      LAB_ADMIN_IDS: [mock.currentUser, sophie!, thomas!].map((u) => u.aadObjectId).join(','),
    },
    // The two facilitators have written to the bot before: it knows their names.
    seed: async ({ env }) => {
      const database = await openDatabase(toDatabaseOptions(loadConfig(env)));
      try {
        const people = new SqlPeopleDirectory(database.db);
        for (const person of [sophie!, thomas!]) {
          await people.record({ aadId: person.aadObjectId, name: person.name, email: null }, START);
        }
      } finally {
        await database.close();
      }
    },
    onReady: (started, opened) => {
      stack = started;
      chat = opened;
    },
  });

  const form = (): Locator => chat.cards(FR.formTitle).last();
  const requestCard = (): Locator => chat.cards(FR.requestTitle(TRACKING, REQUEST.subject)).last();

  /**
   * Waits for the card the requester gets about a step (Camille is the requester): it arrives
   * after the answer in place, and the chat scrolls then, so the next step waits for it.
   */
  async function waitForRequesterNotice(title: string): Promise<string> {
    const notice = chat.cards(title).last();
    await notice.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return notice.innerText();
  }

  /** Clicks a button of `card` and waits for the card in its place to show `banner`. */
  async function clickAndWait(
    card: () => Locator,
    button: string,
    banner: string,
  ): Promise<Locator> {
    await card().getByRole('button', { name: button, exact: true }).click();
    const replaced = card();
    await replaced.getByText(banner, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    return replaced;
  }

  it('shows the request form with the error under the external count, nothing sent', async function () {
    await chat.send('demander une session');
    const card = await chat.waitForNewCard(FR.formTitle, 0);
    await card.getByLabel(FR.subject, { exact: true }).fill(REQUEST.subject);
    await card.getByLabel(FR.problem, { exact: true }).fill(REQUEST.problem);
    await card.getByLabel(FR.intendedResult, { exact: true }).fill(REQUEST.intendedResult);
    await card.getByLabel(FR.internal, { exact: true }).fill(REQUEST.internal);
    await card.getByLabel(FR.external, { exact: true }).fill(REQUEST.tooManyExternal);
    await card.getByLabel(FR.period, { exact: true }).fill(REQUEST.period);
    await card.getByLabel(FR.constraints, { exact: true }).fill(REQUEST.constraints);

    const sent = await clickAndWait(form, FR.submit, FR.errors);
    await assertErrorUnder(sent, FR.external, FR.tooManyExternal);
    // One field in error; what was typed is kept.
    assert.equal(await sent.getByText(FR.tooManyExternal, { exact: true }).count(), 1);
    assert.equal(await sent.getByLabel(FR.subject, { exact: true }).inputValue(), REQUEST.subject);
    assert.equal(
      await sent.getByLabel(FR.external, { exact: true }).inputValue(),
      REQUEST.tooManyExternal,
    );
    assert.equal(await chat.cards(FR.sent(TRACKING)).count(), 0);
    await screenshotWholeCard(chat.page, sent, 'lab-session-request-error', [
      join(README_SCREENSHOTS, 'lab-session-request-error.png'),
    ]);
  });

  it('sends the request once corrected, with its tracking number', async function () {
    await form().getByLabel(FR.external, { exact: true }).fill(REQUEST.external);
    await form().getByRole('button', { name: FR.submit, exact: true }).click();
    const confirmation = chat.cards(FR.sent(TRACKING)).last();
    await confirmation.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = await confirmation.innerText();
    assert.ok(text.includes(`«\u202f${REQUEST.subject}\u202f»`), text);
    assert.ok(text.includes('42 (30 internes, 12 externes) · mixte'), text);
    // The form was replaced by the confirmation.
    await chat.waitForCardCount(FR.formTitle, 0);
  });

  it('lets the Lab admin open the request from the Lab team’s notice and name two facilitators', async function () {
    // Camille is in the Lab team too: the notice reaches her personal chat.
    const notice = chat.cards(FR.requested(TRACKING)).last();
    await notice.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await notice.getByRole('button', { name: FR.open(TRACKING), exact: true }).click();
    const card = requestCard();
    await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

    // A multi-select ChoiceSet: a menu of check boxes under the field.
    await card.getByRole('combobox', { name: FR.facilitators, exact: true }).click();
    const offered = await chat.page.getByRole('menuitemcheckbox').allInnerTexts();
    // The Lab team but the requester: never the facilitator of her own request.
    assert.deepEqual(
      offered.map((name) => name.trim()),
      [sophie!.name, thomas!.name],
    );
    for (const person of [sophie!, thomas!]) {
      await chat.page.getByRole('menuitemcheckbox', { name: person.name, exact: true }).click();
    }
    await chat.page.keyboard.press('Escape');
    const qualified = await clickAndWait(
      requestCard,
      FR.qualify,
      FR.qualified(`${sophie!.name}, ${thomas!.name}`),
    );
    assert.ok((await qualified.innerText()).includes(FR.saveQualification));
    const told = await waitForRequesterNotice(FR.toldQualification(TRACKING));
    assert.ok(told.includes(`${sophie!.name}, ${thomas!.name}`), told);
  });

  it('records the qualification, the objectives reachable', async function () {
    const card = requestCard();
    await pickChoice(chat.page, card, FR.reachable, FR.yes);
    await card.getByLabel(FR.intention, { exact: true }).check();
    await card.getByLabel(FR.format, { exact: true }).fill('Une journée, Scan / Focus / Act');
    await card.getByLabel(FR.effort, { exact: true }).fill('6');
    await card
      .getByLabel(FR.risks, { exact: true })
      .fill('Peu d’allocataires disponibles un jeudi.');
    const qualified = await clickAndWait(requestCard, FR.saveQualification, FR.qualificationSaved);
    const text = await qualified.innerText();
    assert.ok(text.includes(FR.qualificationFact), text);
    assert.ok(text.includes(`${sophie!.name}, ${thomas!.name}`), text);
    await screenshotWholeCard(chat.page, qualified, 'lab-session-qualified', [
      join(README_SCREENSHOTS, 'lab-session-qualified.png'),
    ]);
  });

  it('gives the go, then sets the session day', async function () {
    let card = requestCard();
    await pickChoice(chat.page, card, FR.decision, FR.go);
    await card
      .getByLabel(FR.reason, { exact: true })
      .fill('Sujet prioritaire : l’accueil est au plan stratégique.');
    card = await clickAndWait(requestCard, FR.decide, FR.decided);
    await waitForRequesterNotice(FR.toldGo(TRACKING));
    card = requestCard();

    await card.getByLabel(FR.sessionDay, { exact: true }).fill(SESSION_DAY);
    card = await clickAndWait(requestCard, FR.schedule, FR.scheduled);
    const text = await card.innerText();
    assert.match(text, /Session\s+jeudi 8 avril 2027/);
    assert.match(text, /Débriefing à froid\s+jeudi 20 mai 2027/);
    const told = await waitForRequesterNotice(FR.toldScheduled(TRACKING));
    assert.ok(told.includes('le débriefing à froid est prévu le jeudi 20 mai 2027'), told);
  });

  it('previews the preparation reminders and the cold debrief 5 to 8 weeks after the session', async function () {
    await chat.send('calendrier des sessions');
    const card = await chat.waitForNewCard(FR.calendarTitle, 0);
    const text = await card.innerText();
    let at = 0;
    for (const [day, time, kind] of SENDS) {
      const dayAt = text.indexOf(day, at);
      assert.ok(dayAt >= at, `${day} after what comes before it:\n${text}`);
      const line = FR.calendarLine(time, kind, TRACKING, REQUEST.subject);
      const lineAt = text.indexOf(line, dayAt);
      assert.ok(lineAt > dayAt, `${line} under ${day}:\n${text}`);
      at = lineAt;
    }
    // The cold debrief is 35 to 56 days after the session day.
    const cold = Date.parse(`${COLD_DAY}T12:00:00Z`);
    const gap = (cold - Date.parse(`${SESSION_DAY}T12:00:00Z`)) / 86_400_000;
    assert.ok(gap >= 35 && gap <= 56, `${gap} days`);
    await screenshotWholeCard(chat.page, card, 'lab-session-calendar', [
      join(README_SCREENSHOTS, 'lab-session-calendar.png'),
    ]);
  });

  it('brings the hot debrief at the end of the session day, answered in place', async function () {
    this.timeout(HOT_DEBRIEF_TIMEOUT_MS + 60_000);
    // Five weeks pass: the bot's clock moves to the session day's evening.
    stack!.setBotClock(AFTER_THE_SESSION);
    const title = FR.hotTitle(REQUEST.subject);
    const card = chat.cards(title).first();
    await card.waitFor({ state: 'visible', timeout: HOT_DEBRIEF_TIMEOUT_MS });
    assert.ok((await card.innerText()).includes(`La session ${TRACKING} vient de se tenir.`));

    await pickChoice(chat.page, card, FR.satisfaction, '5');
    await card
      .getByLabel(FR.takeaway, { exact: true })
      .fill('Le prénom seul libère la parole ; trois pistes à tester dès mai.');
    await card.getByLabel(FR.comment, { exact: true }).fill('Merci aux facilitateurs !');
    const answered = await clickAndWait(() => chat.cards(title).last(), FR.answer, FR.answered);
    // Replaced in place: still one hot debrief card, with the answer in it.
    await chat.waitForCardCount(title, 1);
    assert.equal(
      await answered.getByRole('combobox', { name: FR.satisfaction, exact: true }).inputValue(),
      '5',
    );
    assert.match(
      await answered.getByLabel(FR.takeaway, { exact: true }).inputValue(),
      /^Le prénom seul libère la parole/,
    );
    await screenshotWholeCard(chat.page, answered, 'lab-session-hot-debrief', [
      join(README_SCREENSHOTS, 'lab-session-hot-debrief.png'),
    ]);
  });
});
