import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCommands } from '../../src/features/feature-module';
import { BotHarness } from './support/bot-harness';

const APP_PACKAGE = join(__dirname, '..', '..', 'appPackage');
/** Manifest scopes and the registry's names for the same conversations. */
const SCOPES: Record<string, string> = {
  personal: 'personal',
  team: 'channel',
  groupChat: 'groupChat',
};

interface CommandList {
  scopes: string[];
  commands: { title: string }[];
}

describe('the command menus of the app package', () => {
  const harness = new BotHarness();

  before(async () => {
    await harness.start();
  });

  after(async () => {
    await harness.stop();
  });

  it('offer in each conversation only commands every member may use there, in French and English', () => {
    const manifest = JSON.parse(readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8')) as {
      bots: { commandLists: CommandList[] }[];
    };
    const english = JSON.parse(readFileSync(join(APP_PACKAGE, 'en.json'), 'utf8')) as Record<
      string,
      string
    >;
    const commands = listCommands(harness.bot.modules);
    manifest.bots[0]!.commandLists.forEach((list, listIndex) => {
      list.commands.forEach((entry, commandIndex) => {
        const titles = [
          entry.title,
          english[`bots[0].commandLists[${listIndex}].commands[${commandIndex}].title`] ?? '',
        ];
        for (const title of titles) {
          const command = commands.find((candidate) => candidate.pattern.test(title));
          assert.ok(command, `"${title}" is no command of the registry`);
          assert.equal(command.guard.id, 'staff', `"${title}" is refused to most people`);
          for (const scope of list.scopes) {
            assert.ok(
              command.scopes.includes(SCOPES[scope] as never),
              `"${title}" does not work in ${scope}`,
            );
          }
        }
      });
    });
  });
});
