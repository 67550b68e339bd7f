import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { chooseDemoSwap, type DemoTeam } from './support/choose-demo-swap';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { OVERFLOW_BUTTON } from './support/overflow-menu';
import { PlaygroundTeam, pickChoice } from './support/playground-team';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import { type E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';

/** The README shows the formation preview and a welcome post. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The texts a person reads; copied from the catalogues on purpose, so a wording change shows here. */
const FR = {
  helpTitle: 'Lab Innovation\u00a0: ce que je peux faire pour vous',
  formationTitle: 'Formation des équipes — Défi du Lab 2026',
  confirmedTitle: 'Équipes confirmées — Défi du Lab 2026',
  confirmedSummary: '7 équipes enregistrées\u202f; messages de bienvenue en cours d’envoi.',
  noTeamInstalled: 'Le bot n’est pas installé dans l’équipe Teams du programme',
  swapped: (a: string, b: string) => `Échange fait\u00a0: ${a} et ${b}.`,
  welcomeTitle: (team: string) => `Bienvenue dans l’équipe «\u202f${team}\u202f»\u202f!`,
  dryRun: 'Voir ce qui sera créé',
  dryRunTitle: 'Ce qui sera créé pour le programme « Défi du Lab 2026 »',
  confirm: 'Confirmer les équipes',
  back: 'Revenir à la proposition',
  confirmQuestion: 'Confirmer les équipes du programme «\u202fDéfi du Lab 2026\u202f»\u202f?',
  confirmBody: '7 équipes, 39 personnes\u00a0: chaque équipe aura son espace',
};
/** The programme's team in .m365agentsplayground.yml, and its General channel. */
const TEAMS_TEAM = 'Défi du Lab 2026';
const GENERAL = 'General';

/** The text of one team of the preview card, from its header to the next team's header. */
function teamSection(cardText: string, teams: readonly DemoTeam[], index: number): string {
  const start = cardText.indexOf(`${teams[index]!.name} — `);
  const next = teams[index + 1];
  const end = next === undefined ? cardText.length : cardText.indexOf(`${next.name} — `, start);
  return start === -1 ? '' : cardText.slice(start, end === -1 ? undefined : end);
}

/** Goes back to the personal chat with the bot from another conversation, without reloading. */
async function openPersonalChatPane(chat: PlaygroundChat): Promise<void> {
  await chat.page
    .getByRole('treeitem', { name: 'Personal Chat', exact: true })
    .click({ timeout: UI_TIMEOUT_MS });
  await chat.messageBox.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

// The Lab admin forms the teams of the demo programme (issue 4, "In Teams"), step by step: each
// test continues the previous one in the same Playground page.
describe('Agents Playground, team formation by the Lab admin (end to end)', function () {
  this.timeout(120_000);
  // The bot's first proposal is the engine's seed 1 on the demo data: pick a swap it accepts.
  const swap = chooseDemoSwap();
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;
  let team: PlaygroundTeam;

  usePlaygroundSession({
    openPersonalChat: false,
    onReady: (ready, readyChat) => {
      stack = ready;
      chat = readyChat;
      team = new PlaygroundTeam(ready.page, TEAMS_TEAM);
    },
  });

  it('adds the bot to the programme team when the admin opens its General channel', async function () {
    await chat.openPersonalChat(stack!.playgroundUrl);
    await chat.waitForNewCard(FR.helpTitle, 0);
    // Opening a channel of the team for the first time is the Playground's "bot added to the
    // team" event; the bot greets the team with its help card in General.
    await team.openChannel(GENERAL);
    await team.waitForPost(FR.helpTitle);
  });

  it('previews seven mixed teams when the admin types "former les équipes"', async function () {
    await openPersonalChatPane(chat);
    await chat.send('former les équipes');
    const card = await chat.waitForNewCard(FR.formationTitle, 0);

    const text = await card.innerText();
    swap.teamsBefore.forEach((expected, index) => {
      const section = teamSection(text, swap.teamsBefore, index);
      assert.ok(
        section !== '' && expected.members.every((name) => section.includes(`${name} — `)),
        `the card shows "${expected.name}" with ${expected.members.join(', ')}, as the engine ` +
          'proposes from src/ (is dist/ up to date? npm run test:e2e builds it)',
      );
    });
    // The dry run and a swap in sight; moving, locking and another draw wait in the "…" menu.
    for (const button of [FR.dryRun, 'Échanger', OVERFLOW_BUTTON]) {
      assert.ok(
        await card.getByRole('button', { name: button, exact: true }).isVisible(),
        `button "${button}" on the formation card`,
      );
    }
    // Confirming is offered after the dry run, not on the preview.
    assert.equal(await card.getByRole('button', { name: FR.confirm, exact: true }).count(), 0);
    await screenshotWholeCard(stack!.page, card, 'formation-card', [
      join(README_SCREENSHOTS, 'formation-card.png'),
    ]);
  });

  it('swaps the two people the admin picks in the card, in place', async function () {
    const page = stack!.page;
    const card = chat.cards(FR.formationTitle).last();
    await pickChoice(page, card, 'Personne', swap.aOption);
    await pickChoice(page, card, 'Échanger avec', swap.bOption);
    await card.getByRole('button', { name: 'Échanger', exact: true }).click();

    // Action.Execute: the bot's answer replaces the card, with what happened at the top.
    const swapped = chat.cards(FR.formationTitle).filter({ hasText: FR.swapped(swap.a, swap.b) });
    await swapped.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await chat.waitForCardCount(FR.formationTitle, 1);
    const firstTeam = teamSection(await swapped.innerText(), swap.teamsAfter, 0);
    assert.ok(firstTeam.includes(`${swap.b} — `), `${swap.b} is now in team 1`);
    assert.ok(!firstTeam.includes(`${swap.a} — `), `${swap.a} left team 1`);
  });

  it('shows the dry run with "Confirmer les équipes" and "Revenir à la proposition", which brings the preview back unchanged', async function () {
    const card = chat.cards(FR.formationTitle).last();
    // Every team as the card shows it (the line about the last swap is not repeated).
    const teamsOf = (text: string): string[] =>
      swap.teamsAfter.map((_, index) => teamSection(text, swap.teamsAfter, index));
    const before = teamsOf(await card.innerText());
    await card.getByRole('button', { name: FR.dryRun, exact: true }).click();
    const dryRun = chat.cards(FR.dryRunTitle).last();
    await dryRun.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    for (const button of [FR.confirm, FR.back]) {
      assert.ok(
        await dryRun.getByRole('button', { name: button, exact: true }).isVisible(),
        `button "${button}" on the dry run's card`,
      );
    }
    await chat.screenshot('formation-dry-run', dryRun);

    // Action.Execute: the preview replaces the dry run, on the same page, with the swap kept.
    await dryRun.getByRole('button', { name: FR.back, exact: true }).click();
    await chat.waitForCardCount(FR.dryRunTitle, 0);
    const back = chat.cards(FR.formationTitle).last();
    await back.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const after = teamsOf(await back.innerText());
    assert.deepEqual(after, before);
    assert.ok(after[0]!.includes(`${swap.b} — `), `${swap.b} is still in team 1`);
  });

  /** From the preview: the dry run, its "Confirmer les équipes", and the question that follows. */
  async function askToConfirm(): Promise<Locator> {
    const card = chat.cards(FR.formationTitle).last();
    await card.getByRole('button', { name: FR.dryRun, exact: true }).click();
    const dryRun = chat.cards(FR.dryRunTitle).last();
    await dryRun.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await dryRun.getByRole('button', { name: FR.confirm, exact: true }).click();
    const question = chat.cards(FR.confirmQuestion).last();
    await question.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return question;
  }

  it('asks before confirming the teams, after a dry run; "Annuler" brings the preview back unchanged', async function () {
    const card = chat.cards(FR.formationTitle).last();
    const before = teamSection(await card.innerText(), swap.teamsAfter, 0);

    // Action.Execute: the dry run, then the question, replace the preview; Annuler puts it back.
    const question = await askToConfirm();
    const text = await question.innerText();
    assert.ok(text.includes(FR.confirmBody), text);
    await chat.screenshot('formation-confirm-question', question);
    await question.getByRole('button', { name: 'Annuler', exact: true }).click();
    await chat.waitForCardCount(FR.confirmQuestion, 0);
    const back = chat.cards(FR.formationTitle).last();
    await back.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.equal(teamSection(await back.innerText(), swap.teamsAfter, 0), before);
  });

  it('confirms the teams: one thread per team in General, since there is no Graph locally', async function () {
    const question = await askToConfirm();
    await question.getByRole('button', { name: 'Confirmer', exact: true }).click();

    // The summary card has no heading: it is found by its first line.
    const confirmed = stack!.page
      .locator('.ac-adaptiveCard')
      .filter({ has: stack!.page.getByText(FR.confirmedTitle, { exact: true }) });
    await confirmed.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const text = await confirmed.innerText();
    assert.ok(!text.includes(FR.noTeamInstalled), text);
    assert.ok(text.includes(FR.confirmedSummary), text);
    for (const formed of swap.teamsAfter) {
      assert.ok(
        text.includes(`Fil «\u202f${formed.name}\u202f» dans le canal Général`),
        formed.name,
      );
    }
    await chat.screenshot('formation-confirmed', confirmed);
  });

  it('posts the welcome of each team, with its members, in the General channel', async function () {
    await team.openChannel(GENERAL);
    // The delivery worker sends them through the outbox within a few seconds.
    for (const formed of swap.teamsAfter) {
      const post = await team.waitForPost(FR.welcomeTitle(formed.name));
      const text = await post.innerText();
      for (const member of formed.members) {
        assert.ok(text.includes(`${member} — `), `${member} in "${formed.name}"`);
      }
    }
    assert.equal(
      await team.posts(FR.welcomeTitle(swap.teamsAfter[0]!.name)).count(),
      1,
      'one welcome per team',
    );
    // Team 1 is the one the swap changed: its card shows the person who joined it.
    const firstWelcome = team
      .posts(FR.welcomeTitle(swap.teamsAfter[0]!.name))
      .locator('.ac-adaptiveCard');
    await screenshotWholeCard(stack!.page, firstWelcome, 'welcome-post', [
      join(README_SCREENSHOTS, 'welcome-post.png'),
    ]);
    await chat.screenshot('playground-general');
  });
});
