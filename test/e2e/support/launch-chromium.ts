import { chromium, type BrowserContext } from 'playwright-core';
import { findChromium } from './find-chromium';

/**
 * Flags that keep the browser on this machine: no sandbox (containers), no GPU, and none of
 * Chromium's own traffic (component updates, sync, field trials, QUIC). The resolver rule makes
 * every host name other than localhost unresolvable, whatever the page asks for.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

/** Big enough for a card and the chat around it, small enough for readable screenshots. */
const VIEWPORT = { width: 1280, height: 900 };

/** Starts headless Chromium with a fresh profile in `userDataDir`; requests leaving loopback are refused. */
export async function launchChromium(userDataDir: string): Promise<BrowserContext> {
  const browser = await findChromium();
  // A persistent context is how Playwright takes a user data dir: a fresh temp dir per run.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: browser.executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...browser.extraArgs],
    viewport: VIEWPORT,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  // The Playground page loads its fonts from Microsoft's CDN; refuse it (system fonts are used).
  await context.route(
    (url) => url.hostname !== 'localhost' && url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}
