import assert from 'node:assert/strict';
import { findChromium, SYSTEM_BROWSERS } from '../../e2e/support/find-chromium';

const packaged = (): Promise<string> => Promise.resolve('/tmp/chromium');
const noPackage = (): Promise<string> =>
  Promise.reject(new Error('the package should not be unpacked'));

describe('finding a Chromium for the end-to-end tests', () => {
  it('takes CHROMIUM_PATH first, even when the machine has a browser', async () => {
    const found = await findChromium({ CHROMIUM_PATH: '/opt/mine/chrome' }, () => true, noPackage);
    assert.deepEqual(found, {
      executablePath: '/opt/mine/chrome',
      source: 'CHROMIUM_PATH',
      extraArgs: [],
    });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of trying another browser', async () => {
    await assert.rejects(
      findChromium({ CHROMIUM_PATH: '/nowhere/chrome' }, (path) => path !== '/nowhere/chrome'),
      /CHROMIUM_PATH points at \/nowhere\/chrome, which does not exist/,
    );
  });

  it('takes the first browser installed on the machine, in the documented order', async () => {
    const installed = new Set(['/usr/bin/google-chrome', '/usr/bin/microsoft-edge']);
    const found = await findChromium({}, (path) => installed.has(path), noPackage);
    assert.equal(found.executablePath, '/usr/bin/google-chrome');
    assert.equal(found.source, 'system');
    assert.ok(
      SYSTEM_BROWSERS.indexOf('/usr/bin/chromium') < SYSTEM_BROWSERS.indexOf(found.executablePath),
    );
  });

  it('falls back to the Chromium shipped in the npm package, with the flags its build needs', async () => {
    const found = await findChromium({ CHROMIUM_PATH: '' }, () => false, packaged);
    assert.equal(found.executablePath, '/tmp/chromium');
    assert.equal(found.source, '@sparticuz/chromium');
    assert.ok(found.extraArgs.includes('--no-zygote'));
  });
});
