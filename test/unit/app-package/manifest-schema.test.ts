import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvFile } from '../../../scripts/package-app';
import { validateLocalization, validateManifest } from '../../../scripts/validate-manifest';
import { GRAPH_RSC_PERMISSIONS } from '../../../src/adapters/graph/graph-channel-provisioner';
import { ROOT, SAMPLE_VARIABLES, readSubstituted } from './sample-environment';

function placeholdersIn(name: string): string[] {
  const text = readFileSync(join(ROOT, 'appPackage', name), 'utf8');
  return [...text.matchAll(/\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((match) => match[1]!);
}

describe('Teams app manifest', () => {
  it('validates against the official schema once the environment is substituted', () => {
    assert.deepEqual(validateManifest(readSubstituted('manifest.json')), []);
  });

  it('uses the newest 1.2x manifest version', () => {
    assert.equal(readSubstituted('manifest.json').manifestVersion, '1.29');
  });

  it('is French by default with an English translation, both valid localisation files', () => {
    const manifest = readSubstituted('manifest.json');
    assert.deepEqual(manifest.localizationInfo, {
      defaultLanguageTag: 'fr-FR',
      defaultLanguageFile: 'fr.json',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    });
    for (const file of ['fr.json', 'en.json']) {
      assert.deepEqual(validateLocalization(readSubstituted(file), '1.29'), [], file);
    }
  });

  it('asks for exactly the resource-specific consent the Graph calls of the code need', () => {
    const manifest = readSubstituted('manifest.json') as {
      authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
    };
    const names = manifest.authorization.permissions.resourceSpecific
      .filter((permission) => permission.type === 'Application')
      .map((permission) => permission.name);
    assert.deepEqual([...names].sort(), Object.values(GRAPH_RSC_PERMISSIONS).sort());
    // Welcome posts and rosters go through the Bot Framework, which needs no consent.
    assert.ok(!names.includes('ChannelMessage.Send.Group'));
  });

  it('grants that consent to the Graph app registration, not to the bot', () => {
    const manifest = readSubstituted('manifest.json') as {
      webApplicationInfo: { id: string };
      bots: { botId: string }[];
    };
    assert.equal(manifest.webApplicationInfo.id, SAMPLE_VARIABLES.GRAPH_CLIENT_ID);
    assert.notEqual(manifest.webApplicationInfo.id, manifest.bots[0]!.botId);
  });

  it('translates every command of every scope in the English file', () => {
    const manifest = readSubstituted('manifest.json') as {
      bots: { commandLists: { commands: { title: string }[] }[] }[];
    };
    const english = readSubstituted('en.json');
    manifest.bots[0]!.commandLists.forEach((list, i) =>
      list.commands.forEach((_, j) => {
        const key = `bots[0].commandLists[${i}].commands[${j}].title`;
        assert.equal(typeof english[key], 'string', key);
      }),
    );
  });

  it('refuses a bot scope that Teams does not know, naming the field', () => {
    const manifest = readSubstituted('manifest.json') as { bots: { scopes: string[] }[] };
    manifest.bots[0]!.scopes = ['everyone'];
    const problems = validateManifest(manifest);
    assert.ok(
      problems.some((p) => p.startsWith('/bots/0/scopes/0 ') && p.includes('allowed values')),
      problems.join('\n'),
    );
  });

  it('refuses a manifest without a version, naming the field', () => {
    const manifest = readSubstituted('manifest.json');
    delete manifest.version;
    const problems = validateManifest(manifest);
    assert.ok(
      problems.some((p) => p.includes("required property 'version'")),
      problems.join('\n'),
    );
  });

  it('refuses a short name longer than 30 characters, naming the field', () => {
    const manifest = readSubstituted('manifest.json') as { name: { short: string } };
    manifest.name.short = 'L'.repeat(60);
    const problems = validateManifest(manifest);
    assert.ok(
      problems.some((p) => p.startsWith('/name/short ') && p.includes('30 characters')),
      problems.join('\n'),
    );
  });

  it('refuses an English short name longer than 30 characters, naming the key', () => {
    const english = readSubstituted('en.json');
    english['name.short'] = 'L'.repeat(60);
    const problems = validateLocalization(english, '1.29');
    assert.ok(
      problems.some((p) => p.startsWith('/name.short ')),
      problems.join('\n'),
    );
  });

  it('declares every placeholder of the app package in the local and dev environment templates', () => {
    const used = new Set(['manifest.json', 'fr.json', 'en.json'].flatMap(placeholdersIn));
    for (const envName of ['local', 'dev']) {
      const declared = parseEnvFile(readFileSync(join(ROOT, 'env', `.env.${envName}`), 'utf8'));
      const undeclared = [...used].filter((name) => !(name in declared));
      assert.deepEqual(undeclared, [], `env/.env.${envName}`);
    }
  });
});
