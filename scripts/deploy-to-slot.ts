import { spawnSync } from 'node:child_process';
import { BUNDLE_PATH } from './bundle-app';

/** Where to deploy: the Web App, its staging slot and the zip `npm run bundle` wrote. */
export interface SlotDeployment {
  resourceGroup: string;
  app: string;
  slot: string;
  bundle: string;
}

/**
 * How long the new version may take to answer its health check after the zip deploy: the build on
 * App Service (npm install, tsc) takes a few minutes on a P0v3; ten leaves room for a slow one.
 */
export const HEALTH_WAIT_MS = 10 * 60_000;
/** Between two health checks: often enough to swap soon, rare enough not to crowd the logs. */
export const HEALTH_POLL_MS = 10_000;

const USAGE = `Usage: tsx scripts/deploy-to-slot.ts --resource-group RG --name APP [--slot staging] [--bundle ${BUNDLE_PATH}]
Deploys the bundle to the slot, waits for its /healthz, swaps it into production, checks
production, then stops the slot (it keeps the previous version for a swap back).
Needs the Azure CLI, signed in with a role that may deploy to and swap the Web App.\n`;

/** Reads the options; undefined when one is missing or unknown. */
export function parseDeployArguments(argv: string[]): SlotDeployment | undefined {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === undefined || value === undefined || value.startsWith('--')) return undefined;
    if (!['--resource-group', '--name', '--slot', '--bundle'].includes(name)) return undefined;
    values.set(name, value);
  }
  const resourceGroup = values.get('--resource-group');
  const app = values.get('--name');
  if (resourceGroup === undefined || resourceGroup === '' || app === undefined || app === '') {
    return undefined;
  }
  return {
    resourceGroup,
    app,
    slot: values.get('--slot') ?? 'staging',
    bundle: values.get('--bundle') ?? BUNDLE_PATH,
  };
}

/** The Azure CLI calls around the health checks, in order. */
export function planSlotDeployment(d: SlotDeployment) {
  const site = ['--resource-group', d.resourceGroup, '--name', d.app];
  const slot = [...site, '--slot', d.slot];
  return {
    // A stopped slot cannot build: the previous deployment left it stopped.
    start: ['webapp', 'start', ...slot],
    // OneDeploy authenticates with Microsoft Entra: publishing passwords stay disabled.
    deploy: ['webapp', 'deploy', ...slot, '--src-path', d.bundle, '--type', 'zip'],
    slotHost: ['webapp', 'show', ...slot, '--query', 'defaultHostName', '--output', 'tsv'],
    swap: ['webapp', 'deployment', 'slot', 'swap', ...slot, '--target-slot', 'production'],
    productionHost: ['webapp', 'show', ...site, '--query', 'defaultHostName', '--output', 'tsv'],
    // Two versions running side by side would both run the scheduled jobs.
    stop: ['webapp', 'stop', ...slot],
  };
}

/** Waits until `https://host/healthz` answers 200; false when `timeoutMs` passes first. */
export async function waitForHealth(
  host: string,
  options: {
    timeoutMs: number;
    pollMs: number;
    fetch?: (url: string) => Promise<{ status: number }>;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
  },
): Promise<boolean> {
  const get =
    options.fetch ?? ((url: string) => fetch(url, { signal: AbortSignal.timeout(options.pollMs) }));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    try {
      if ((await get(`https://${host}/healthz`)).status === 200) return true;
    } catch {
      // Not up yet (connection refused, reset or timed out): try again.
    }
    if (now() >= deadline) return false;
    await sleep(options.pollMs);
  }
}

function az(args: string[]): string {
  process.stdout.write(`az ${args.join(' ')}\n`);
  const result = spawnSync('az', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    // az is az.cmd on Windows, which only a shell runs.
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`az ${args.slice(0, 3).join(' ')} failed`);
  return result.stdout.trim();
}

async function main(): Promise<number> {
  const options = parseDeployArguments(process.argv.slice(2));
  if (options === undefined) {
    process.stderr.write(USAGE);
    return 64;
  }
  const plan = planSlotDeployment(options);
  az(plan.start);
  az(plan.deploy);
  const slotHost = az(plan.slotHost);
  if (!(await waitForHealth(slotHost, { timeoutMs: HEALTH_WAIT_MS, pollMs: HEALTH_POLL_MS }))) {
    process.stderr.write(
      `The ${options.slot} slot did not answer /healthz: production is unchanged. Read its logs.\n`,
    );
    return 1;
  }
  az(plan.swap);
  const productionHost = az(plan.productionHost);
  const healthy = await waitForHealth(productionHost, {
    timeoutMs: HEALTH_WAIT_MS,
    pollMs: HEALTH_POLL_MS,
  });
  az(plan.stop);
  if (!healthy) {
    process.stderr.write(
      `Production does not answer /healthz after the swap: start the ${options.slot} slot and swap back (docs/deployment.md).\n`,
    );
    return 1;
  }
  process.stdout.write(`Deployed: https://${productionHost}/healthz answers 200.\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
