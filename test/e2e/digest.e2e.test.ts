import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { clickSecondaryAction } from './support/overflow-menu';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import { usePlaygroundSession } from './support/use-playground-session';
import {
  writeDemoProgrammeInSelection,
  type DemoProgrammeFile,
} from './support/write-demo-programme-in-selection';

/** The README shows the digest card. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The texts a person reads; copied from the catalogue on purpose, so a wording change shows here. */
const FR = {
  title: (programme: string) => `Tableau de bord — ${programme}`,
  seats: 'Places\\s+39 prises sur 39, 0 restantes',
  // The demo committee scored every selected person before it met.
  scored: 'Évaluées par le comité\\s+39 sur 39 \\(100\u00a0%\\), 0 à évaluer',
  confirmedLegend: 'Confirmées',
  decisionsCaption: 'Décisions',
  seatsCaption: 'Places prises par organisme',
  refresh: 'Actualiser',
};

// The Lab admin (the Playground's current user) asks for the digest in personal chat.
describe('Agents Playground, the Lab team’s digest (end to end)', function () {
  this.timeout(120_000);
  let chat: PlaygroundChat;
  let programme: DemoProgrammeFile;

  usePlaygroundSession({
    programmeFile: (workDir) => (programme = writeDemoProgrammeInSelection(workDir)),
    onReady: (_stack, opened) => {
      chat = opened;
    },
  });

  it('answers "tableau de bord" with the digest card of the demo programme, charts drawn', async function () {
    await chat.send('tableau de bord');
    const card = await chat.waitForNewCard(FR.title(programme.name), 0);
    const text = await card.innerText();
    assert.match(text, /Sélection · au /);
    assert.match(text, new RegExp(FR.seats));
    assert.match(text, new RegExp(FR.scored));
    // The charts are drawn (the Playground renders Chart.Donut and Chart.VerticalBar), not their
    // text fallback: the donut's legend and the bars' organisations are on the card.
    assert.ok((await card.locator('svg').count()) >= 2, 'a donut and a bar chart');
    assert.match(text, new RegExp(FR.confirmedLegend));
    assert.match(text, /Caf de Guyane/);
    for (const caption of [FR.decisionsCaption, FR.seatsCaption]) {
      assert.ok(
        await card.getByText(caption, { exact: true }).isVisible(),
        `chart caption "${caption}"`,
      );
    }
    assert.doesNotMatch(text, new RegExp(`${FR.confirmedLegend} 39`), 'no text fallback');
    // The figures are written out under each chart, for screen readers and for everyone.
    assert.match(text, new RegExp(`${FR.confirmedLegend}\u00a0: 39`), 'figures next to the donut');
    await screenshotWholeCard(chat.page, card, 'digest-card', [
      join(README_SCREENSHOTS, 'digest-card.png'),
    ]);
  });

  it('refreshes the digest in place when "Actualiser" is clicked', async function () {
    const title = FR.title(programme.name);
    const card = chat.cards(title).last();
    // "Actualiser" is a secondary action: it waits in the card's "…" menu.
    await clickSecondaryAction(card, FR.refresh);
    // Action.Execute: the bot's card replaces the clicked one; still one digest in the chat.
    await chat
      .cards(title)
      .last()
      .getByText(new RegExp(`${FR.confirmedLegend}\u00a0: \\d+`))
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await chat.waitForCardCount(title, 1);
  });
});
