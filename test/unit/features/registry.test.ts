import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { ZodType } from 'zod';
import { openDatabase, type DatabaseHandle } from '../../../src/adapters/sql/open-database';
import { ALL_SCOPES } from '../../../src/adapters/teams/verbs/card-verb';
import { Guards } from '../../../src/adapters/teams/verbs/guard';
import { loadConfig } from '../../../src/config';
import { systemClock } from '../../../src/core/ports/clock';
import { createPlatform } from '../../../src/features/create-platform';
import { listCommands, listVerbs, type FeatureModule } from '../../../src/features/feature-module';
import { createLogger } from '../../../src/logger';
import { createModules } from '../../../src/main';

const SRC = join(__dirname, '..', '..', '..', 'src');

function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('the verb registry of the modules', () => {
  let directory: string;
  let database: DatabaseHandle;
  let modules: FeatureModule[];

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'labbot-registry-'));
    database = await openDatabase({ sqlitePath: join(directory, 'registry.sqlite') });
    const config = loadConfig({
      SQLITE_PATH: join(directory, 'registry.sqlite'),
      LOG_LEVEL: 'silent',
    });
    const { platform } = createPlatform({
      config,
      database,
      clock: systemClock,
      logger: createLogger('silent'),
      version: 'test',
      publicUrl: () => 'http://127.0.0.1',
      labTeamIds: () => [],
    });
    modules = createModules(platform);
  });

  after(async () => {
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('declares every verb once, with a schema, a known guard and a list of scopes', () => {
    const verbs = listVerbs(modules);
    assert.ok(verbs.length >= 30, `only ${verbs.length} verbs`);
    const names = verbs.map((verb) => verb.verb);
    assert.equal(new Set(names).size, names.length, 'a verb is declared twice');
    const guards = new Set<unknown>(Object.values(Guards));
    for (const verb of verbs) {
      assert.match(verb.verb, /^[a-z]+(?:\.[a-zA-Z]+)+$/, verb.verb);
      assert.ok(verb.data instanceof ZodType, `${verb.verb} has no schema`);
      assert.ok(guards.has(verb.guard), `${verb.verb} has a guard that is not one of Guards`);
      assert.ok(verb.scopes.length > 0, `${verb.verb} is allowed nowhere`);
      for (const scope of verb.scopes)
        assert.ok(ALL_SCOPES.includes(scope), `${verb.verb}: ${scope}`);
    }
  });

  it('declares every text command once, with a guard, scopes and examples in French and English', () => {
    const commands = listCommands(modules);
    const ids = commands.map((command) => command.id);
    assert.equal(new Set(ids).size, ids.length, 'a command is declared twice');
    const guards = new Set<unknown>(Object.values(Guards));
    for (const command of commands) {
      assert.ok(guards.has(command.guard), command.id);
      assert.ok(command.scopes.length > 0, command.id);
      // The examples are what people are told to type: the command must understand them.
      assert.match(command.examples.fr, command.pattern, `${command.id} (fr)`);
      assert.match(command.examples.en, command.pattern, `${command.id} (en)`);
    }
  });

  it('names each verb in its own module folder only', () => {
    const sources = listFiles(SRC).filter((path) => /\.(ts|json)$/.test(path));
    const texts = new Map(sources.map((path) => [path, readFileSync(path, 'utf8')]));
    for (const module of modules) {
      for (const verb of module.verbs ?? []) {
        const folders = new Set(
          [...texts]
            .filter(
              ([, text]) => text.includes(`'${verb.verb}'`) || text.includes(`"${verb.verb}"`),
            )
            .map(([path]) => relative(SRC, path).split(sep).slice(0, 2).join('/')),
        );
        assert.deepEqual([...folders], [`features/${module.name}`], verb.verb);
      }
    }
  });
});
