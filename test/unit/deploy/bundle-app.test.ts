import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { bundleApp, listBundleFiles, readIgnoreRules } from '../../../scripts/bundle-app';

const ROOT = join(__dirname, '..', '..', '..');

/** A project tree with the real infra/webapp.ignore and one file per case. */
function makeProject(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'bundle-'));
  for (const file of [...files, 'infra/webapp.ignore']) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(
      join(root, file),
      file === 'infra/webapp.ignore' ? readFileSync(join(ROOT, 'infra', 'webapp.ignore')) : file,
    );
  }
  return root;
}

describe('npm run bundle (the zip deployed to App Service)', () => {
  let root: string;

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the sources and leaves out secrets, local settings and what App Service rebuilds', () => {
    root = makeProject([
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src/main.ts',
      'src/adapters/sql/open-database.ts',
      'appPackage/manifest.json',
      '.env',
      '.env.production',
      'env/.env.dev',
      'env/.env.dev.user',
      'settings.user',
      'src/adapters/local.user',
      '.localConfigs',
      '.localConfigs.playground',
      'node_modules/pg/index.js',
      'dist/src/main.js',
      'data/labbot.sqlite',
      'labbot.sqlite-wal',
      'test/unit/config.test.ts',
      'infra/azure.bicep',
      'build/labbot-deploy.zip',
      'npm-debug.log',
    ]);
    assert.deepEqual(listBundleFiles(root, readIgnoreRules(root)), [
      'appPackage/manifest.json',
      'package-lock.json',
      'package.json',
      'src/adapters/sql/open-database.ts',
      'src/main.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
  });

  it('writes those files into build/labbot-deploy.zip, byte for byte', async () => {
    root = makeProject(['package.json', 'src/main.ts', '.env']);
    const files = await bundleApp(root);
    const zip = await JSZip.loadAsync(readFileSync(join(root, 'build', 'labbot-deploy.zip')));
    assert.deepEqual(files, ['package.json', 'src/main.ts']);
    assert.deepEqual(
      Object.keys(zip.files)
        .filter((name) => !name.endsWith('/'))
        .sort(),
      files,
    );
    assert.equal(await zip.file('src/main.ts')!.async('string'), 'src/main.ts');
  });
});
