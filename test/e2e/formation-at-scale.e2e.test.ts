import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { openDatabase } from '../../src/adapters/sql/open-database';
import { SqlCandidacyStore } from '../../src/adapters/sql/sql-candidacy-store';
import { toDatabaseOptions } from '../../src/adapters/sql/to-database-options';
import { loadConfig } from '../../src/config';
import { createDemoFacilitators } from '../../src/demo/demo-people';
import { seedDemoParticipants } from '../../src/demo/seed-demo-programme';
import { PlaygroundChat, UI_TIMEOUT_MS } from './support/playground-chat';
import { screenshotWholeCard } from './support/screenshot-whole-card';
import { type E2eStack } from './support/start-e2e-stack';
import { usePlaygroundSession } from './support/use-playground-session';
import { writeDemoProgrammeInSelection } from './support/write-demo-programme-in-selection';

/** The README shows the paged preview. */
const README_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Confirmed participants: three times the demo's 39, enough for three pages of teams. */
const PARTICIPANTS = 120;

/** Two facilitators for each team, as a Lab would gather for a call of this size. */
const FACILITATORS = 48;

/** The demo programme in its selection phase, with the Lab's facilitators named in the file. */
function writeLargeProgramme(workDir: string): { path: string } {
  const file = writeDemoProgrammeInSelection(workDir);
  const document = parseDocument(readFileSync(file.path, 'utf8'));
  document.set(
    'facilitators',
    createDemoFacilitators(FACILITATORS).map((f) => ({
      aadId: f.aadId,
      name: f.name,
      organisation: f.organisationId,
    })),
  );
  writeFileSync(file.path, document.toString());
  return file;
}

/** What the Lab organiser reads; copied from the catalogue, so a wording change shows here. */
const FR = {
  formationTitle: 'Formation des équipes — Défi du Lab 2026',
  pageLabel: /Équipes (\d+) à (\d+) sur (\d+) \(page (\d+) sur (\d+)\)/,
  next: 'Équipes suivantes',
  previous: 'Équipes précédentes',
};

/** The page line of the card, as numbers: first and last team shown, teams, page, pages. */
function pageOf(text: string): number[] {
  const match = FR.pageLabel.exec(text.replace(/\s+/g, ' '));
  assert.ok(match !== null, `the card says which teams it shows:\n${text.slice(0, 600)}`);
  return match.slice(1).map(Number);
}

// A call three times the size of the demo's: the preview opens on figures over all teams and
// pages through them, and the card stays one card in the chat (issue 18).
describe('Agents Playground, the formation preview of a large call (end to end)', function () {
  this.timeout(180_000);
  let stack: E2eStack | undefined;
  let chat: PlaygroundChat;

  usePlaygroundSession({
    programmeFile: writeLargeProgramme,
    // Written before the bot starts, so the demo seed finds candidacies and adds none of its own.
    seed: async ({ env }) => {
      const database = await openDatabase(toDatabaseOptions(loadConfig(env)));
      try {
        const added = await seedDemoParticipants(
          new SqlCandidacyStore(database.db),
          new Date(),
          PARTICIPANTS,
        );
        assert.equal(added, PARTICIPANTS);
      } finally {
        await database.close();
      }
    },
    onReady: (ready, readyChat) => {
      stack = ready;
      chat = readyChat;
    },
  });

  it('opens on the first page of teams, then pages forward and back in place', async function () {
    await chat.send('former les équipes');
    const card = await chat.waitForNewCard(FR.formationTitle, 0);
    const [from, to, teams, page, pages] = pageOf(await card.innerText());
    assert.deepEqual([from, page], [1, 1]);
    assert.ok(teams! >= 17 && teams! <= 24, `${PARTICIPANTS} people make 17 to 24 teams: ${teams}`);
    assert.ok(pages! >= 3, `${teams} teams take several pages: ${pages}`);
    assert.ok(to! < teams!, 'the first page does not show every team');
    assert.equal(await card.getByRole('button', { name: FR.previous, exact: true }).count(), 0);

    await card.getByRole('button', { name: FR.next, exact: true }).click();
    // Action.Execute: the next page replaces the card, which stays alone in the chat.
    const second = chat.cards(FR.formationTitle).filter({ hasText: '(page 2 sur' });
    await second.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await chat.waitForCardCount(FR.formationTitle, 1);
    const [secondFrom, , secondTeams] = pageOf(await second.innerText());
    assert.equal(secondFrom, to! + 1, 'page 2 starts after the last team of page 1');
    assert.equal(secondTeams, teams, 'every page counts the same teams');
    await screenshotWholeCard(stack!.page, second, 'formation-paged', [
      join(README_SCREENSHOTS, 'formation-paged.png'),
    ]);

    await second.getByRole('button', { name: FR.previous, exact: true }).click();
    const first = chat.cards(FR.formationTitle).filter({ hasText: '(page 1 sur' });
    await first.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await chat.waitForCardCount(FR.formationTitle, 1);
  });
});
