import { existsSync } from 'node:fs';

/** Where a browser was found, and the flags it needs beyond the suite's own. */
export interface FoundChromium {
  executablePath: string;
  /** `CHROMIUM_PATH`, a browser installed on the machine, or the npm package's own build. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  extraArgs: string[];
}

/**
 * Browsers a workstation or CI runner may have, in the order they are tried: Debian's and
 * Ubuntu's Chromium, Google Chrome, Microsoft Edge (all Chromium, all driven by playwright-core).
 */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/opt/microsoft/msedge/msedge',
];

/**
 * The flags of `@sparticuz/chromium`'s own build that it cannot start without: it is a headless
 * shell built without a zygote (and `--single-process` would make the Playground's many frames
 * share one renderer, which is slower and not how a person's browser runs).
 */
const PACKAGED_ARGS = ['--no-zygote', '--headless=shell'];

/**
 * Finds a Chromium for the end-to-end tests: `CHROMIUM_PATH` when set (and then it must exist),
 * else the first browser of SYSTEM_BROWSERS on the machine, else the headless Chromium that the
 * dev dependency `@sparticuz/chromium` ships inside its npm package (unpacked to the temporary
 * folder on first use), so `npm ci && npm test` needs nothing but Node.
 */
export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  packaged: () => Promise<string> = packagedChromium,
): Promise<FoundChromium> {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (!exists(configured)) {
      throw new Error(`CHROMIUM_PATH points at ${configured}, which does not exist`);
    }
    return { executablePath: configured, source: 'CHROMIUM_PATH', extraArgs: [] };
  }
  const system = SYSTEM_BROWSERS.find((path) => exists(path));
  if (system !== undefined) return { executablePath: system, source: 'system', extraArgs: [] };
  return {
    executablePath: await packaged(),
    source: '@sparticuz/chromium',
    extraArgs: PACKAGED_ARGS,
  };
}

async function packagedChromium(): Promise<string> {
  // An ES module: imported only when no other browser is there, since it unpacks ~150 MB.
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}
