import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import prettier from 'prettier';
import { listCommands, listVerbs } from '../../src/features/feature-module';
import { updateRegistrySection } from '../../src/features/describe-registry';
import { BotHarness } from './support/bot-harness';

const DOCUMENT = join(__dirname, '..', '..', 'docs', 'security.md');

describe('docs/security.md', () => {
  const harness = new BotHarness();

  before(async () => {
    await harness.start();
  });

  after(async () => {
    await harness.stop();
  });

  it('lists every verb and command of the registry as it is (run `npm run docs:security`)', async () => {
    const document = readFileSync(DOCUMENT, 'utf8');
    const expected = await prettier.format(updateRegistrySection(document, harness.bot.modules), {
      parser: 'markdown',
    });
    assert.equal(document, expected);
    for (const verb of listVerbs(harness.bot.modules)) {
      assert.ok(document.includes(`\`${verb.verb}\``), verb.verb);
    }
    for (const command of listCommands(harness.bot.modules)) {
      assert.ok(document.includes(`« ${command.examples.fr} »`), command.id);
    }
  });
});
