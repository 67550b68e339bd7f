import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

/** Lints a snippet as if it were the file at `filePath`, returning the ids of the rules it breaks. */
async function rulesBrokenBy(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the domain core boundary', function () {
  // The first lint builds the TypeScript program of the whole project: seconds, more on a busy machine.
  this.timeout(120_000);
  // Type-aware linting needs a file the TypeScript project knows; the snippet replaces its text.
  const coreFile = 'src/core/scheduling/local-days.ts';

  for (const forbidden of [
    'botbuilder',
    '@microsoft/teams-ai',
    'restify',
    'kysely',
    'node-cron',
    'pg',
  ]) {
    it(`refuses an import of ${forbidden} in src/core`, async () => {
      const rules = await rulesBrokenBy(`import '${forbidden}';\nexport const x = 1;\n`, coreFile);
      assert.ok(rules.includes('no-restricted-imports'), `got ${rules.join(', ')}`);
    });
  }

  it('refuses the system clock and Math.random in src/core', async () => {
    const rules = await rulesBrokenBy(
      'export const a = Date.now();\nexport const b = Math.random();\n',
      coreFile,
    );
    assert.deepEqual(rules, ['no-restricted-syntax', 'no-restricted-syntax']);
  });

  it('allows the same imports in an adapter', async () => {
    const rules = await rulesBrokenBy(
      "import 'kysely';\nexport const x = 1;\n",
      'src/adapters/sql/sql-programme-store.ts',
    );
    assert.ok(!rules.includes('no-restricted-imports'));
  });
});
