import assert from 'node:assert/strict';
import JSZip from 'jszip';
import type { Locator } from 'playwright-core';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import type { E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';

/** The texts a person reads; copied from the catalogues on purpose, so a wording change shows here. */
const FR = {
  title: 'Vos données',
  download: 'Télécharger mes données (ZIP)',
  linkTitle: 'Vos données, à télécharger',
  linkButton: 'Télécharger le ZIP',
  erase: 'Effacer mes données',
  confirmTitle: 'Effacer vos données\u202f?',
  confirmYes: 'Oui, effacer définitivement',
  erased:
    /Vos données ont été effacées\. Vous apparaissez désormais comme «\u202fPersonne [0-9a-f]{4}\u202f»/,
  categories: [
    'Profil et références Teams',
    'Candidatures et brouillons',
    'Réponses aux points mensuels et aux revues',
    'Messages envoyés par le bot',
    'Journal d’audit',
  ],
  /** Categories that hold nothing of the person after an erasure (profile and audit are rewritten by the next turn). */
  emptyAfterErasure: [
    'Candidatures et brouillons',
    'Avis de manager donnés',
    'Notes et commentaires de comité',
    'Équipes',
    'Réponses aux points mensuels et aux revues',
    'Absences',
    'Messages envoyés par le bot',
  ],
};

/** The count the card shows for a category, e.g. 3 for "3 élément(s) · …". */
async function countOf(card: Locator, category: string): Promise<number> {
  const text = await card.innerText();
  const match = new RegExp(`${category}\\s*:?\\s*(\\d+) élément`).exec(text);
  assert.ok(match, `"${category}" on the card:\n${text}`);
  return Number(match[1]);
}

// One person's session: sees what the bot holds, downloads it, erases it, and looks again.
describe('Agents Playground, my data (end to end)', function () {
  this.timeout(120_000);
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;

  usePlaygroundSession({
    onReady: (ready, readyChat) => {
      stack = ready;
      chat = readyChat;
    },
  });

  it('answers "mes données" with every category, its count and its retention', async function () {
    await chat.send('mes données');
    const card = await chat.waitForNewCard(FR.title, 0);
    for (const category of FR.categories) await countOf(card, category);
    // The person talked to the bot: at least their conversation and language are held.
    assert.ok((await countOf(card, 'Profil et références Teams')) > 0);
    await chat.screenshot('my-data-card', card);
  });

  it('gives a single-use link to a ZIP with the JSON and the .xlsx', async function () {
    // What the browser downloads, read on its way without changing it.
    let zip: Buffer | undefined;
    await stack!.page.context().route(/\/exports\/my-data\//, async (route) => {
      const response = await route.fetch();
      zip = await response.body();
      await route.fulfill({ response });
    });
    const card = chat.cards(FR.title).last();
    await card.getByRole('button', { name: FR.download, exact: true }).click();
    const link = await chat.waitForNewCard(FR.linkTitle, 0);
    // An Action.OpenUrl: the Playground opens the link in a new tab.
    const popup = stack!.page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
    await link.getByText(FR.linkButton, { exact: true }).click();
    const opened = await popup;
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (zip === undefined && Date.now() < deadline) await stack!.page.waitForTimeout(100);
    await opened.close().catch(() => undefined);
    await stack!.page.bringToFront();
    assert.ok(zip !== undefined, 'the ZIP was downloaded');
    const files = await JSZip.loadAsync(zip);
    assert.deepEqual(Object.keys(files.files).sort(), ['donnees.json', 'donnees.xlsx']);
    const data = JSON.parse(await files.file('donnees.json')!.async('string')) as Record<
      string,
      unknown
    >;
    assert.ok(Object.keys(data).length > 0, 'the JSON names what is held');
  });

  it('erases after a confirmation, then shows nothing left of the person', async function () {
    // The link card took the place of the first one: ask again.
    const shown = await chat.cards(FR.title).count();
    await chat.send('mes données');
    const card = await chat.waitForNewCard(FR.title, shown);
    await card.getByRole('button', { name: FR.erase, exact: true }).click();
    const question = await chat.waitForNewCard(FR.confirmTitle, 0);
    await question.getByRole('button', { name: FR.confirmYes, exact: true }).click();
    await stack!.page.getByText(FR.erased).first().waitFor({ timeout: UI_TIMEOUT_MS });

    const before = await chat.cards(FR.title).count();
    await chat.send('mes données');
    const after = await chat.waitForNewCard(FR.title, before);
    for (const category of FR.emptyAfterErasure) {
      assert.equal(await countOf(after, category), 0, category);
    }
    await chat.screenshot('my-data-after-erasure', after);
  });
});
