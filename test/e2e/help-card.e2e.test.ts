import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { OVERFLOW_BUTTON } from './support/overflow-menu';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import { PLAYGROUND_TIMEZONE, type E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';

/** The README shows the help card. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The texts a person reads; copied from the catalogues on purpose, so a wording change shows here. */
const FR = {
  helpTitle: 'Lab Innovation\u00a0: ce que je peux faire pour vous',
  labIntro: 'Vous faites partie de l’équipe du Lab',
  profileTitle: 'Vos informations',
  programmesTitle: 'Programmes du Lab',
};
const EN = { helpTitle: 'Lab Innovation: what I can do for you' };
const DEMO_PROGRAMME = 'Défi du Lab 2026';

// One person's session in the Agents Playground, step by step: each test continues the previous one.
describe('Agents Playground, personal chat (end to end)', function () {
  this.timeout(120_000);
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;

  usePlaygroundSession({
    openPersonalChat: false,
    onReady: (ready, readyChat) => {
      stack = ready;
      chat = readyChat;
    },
  });

  it('greets the person with the help card in French when the app is installed', async function () {
    await chat.openPersonalChat(stack!.playgroundUrl);
    // The Playground installs the app in personal chat on load; the bot answers with its help card.
    await chat.waitForNewCard(FR.helpTitle, 0);
  });

  it('answers "aide" with the help card, including the Lab commands for a Lab admin', async function () {
    const before = await chat.cards(FR.helpTitle).count();
    await chat.send('aide');
    const card = await chat.waitForNewCard(FR.helpTitle, before);

    const text = await card.innerText();
    assert.match(text, new RegExp(FR.labIntro), 'the mock current user is the Lab admin');
    // Two buttons in sight; "État du bot" waits in the "…" menu.
    for (const button of ['Mes informations', 'Programmes', OVERFLOW_BUTTON]) {
      assert.ok(
        await card.getByRole('button', { name: button, exact: true }).isVisible(),
        `button "${button}" on the help card`,
      );
    }
    await screenshotWholeCard(stack!.page, card, 'help-card', [
      join(README_SCREENSHOTS, 'help-card.png'),
    ]);
    await chat.screenshot('playground-help');
  });

  it('replaces the help card by "Vos informations" when "Mes informations" is clicked', async function () {
    const helpCards = await chat.cards(FR.helpTitle).count();
    const card = chat.cards(FR.helpTitle).last();
    await card.getByRole('button', { name: 'Mes informations', exact: true }).click();

    const profile = await chat.waitForNewCard(FR.profileTitle, 0);
    // Action.Execute: the bot's card takes the place of the clicked one, no new message.
    await chat.waitForCardCount(FR.helpTitle, helpCards - 1);
    const text = await profile.innerText();
    assert.match(text, /équipe du Lab/, 'role');
    assert.match(text, /français/, 'language');
    assert.match(text, new RegExp(PLAYGROUND_TIMEZONE), 'time zone reported by the Teams client');
    await chat.screenshot('profile-card', profile);
  });

  it('lists the demo programme when the person types "programmes"', async function () {
    await chat.send('programmes');
    const card = await chat.waitForNewCard(FR.programmesTitle, 0);
    await card
      .getByText(DEMO_PROGRAMME, { exact: true })
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await chat.screenshot('programmes-card', card);
  });

  it('answers in English when the Teams client is in English', async function () {
    stack!.setLocale('en-US');
    await chat.send('help');
    const card = await chat.waitForNewCard(EN.helpTitle, 0);
    assert.ok(
      await card.getByRole('button', { name: 'My information', exact: true }).isVisible(),
      'English buttons',
    );
    await chat.screenshot('help-card-en', card);
  });
});
