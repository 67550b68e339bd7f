import assert from 'node:assert/strict';
import {
  parseDeployArguments,
  planSlotDeployment,
  waitForHealth,
} from '../../../scripts/deploy-to-slot';

describe('deploy to the staging slot, then swap', () => {
  it('reads the Web App and defaults to the staging slot and the bundle', () => {
    assert.deepEqual(parseDeployArguments(['--resource-group', 'rg-lab', '--name', 'labbotx']), {
      resourceGroup: 'rg-lab',
      app: 'labbotx',
      slot: 'staging',
      bundle: 'build/labbot-deploy.zip',
    });
    assert.equal(parseDeployArguments(['--name', 'labbotx']), undefined);
    assert.equal(parseDeployArguments(['--resource-group', '', '--name', 'labbotx']), undefined);
    assert.equal(
      parseDeployArguments(['--resource-group', 'rg', '--name', 'x', '--force', 'yes']),
      undefined,
    );
  });

  it('deploys to the slot and swaps it into production, never deploying to production itself', () => {
    const plan = planSlotDeployment({
      resourceGroup: 'rg-lab',
      app: 'labbotx',
      slot: 'staging',
      bundle: 'build/labbot-deploy.zip',
    });
    assert.deepEqual(plan.deploy, [
      'webapp',
      'deploy',
      '--resource-group',
      'rg-lab',
      '--name',
      'labbotx',
      '--slot',
      'staging',
      '--src-path',
      'build/labbot-deploy.zip',
      '--type',
      'zip',
    ]);
    assert.deepEqual(plan.swap.slice(-4), ['--slot', 'staging', '--target-slot', 'production']);
    assert.deepEqual(plan.stop, ['webapp', 'stop', ...plan.deploy.slice(2, 8)]);
  });

  it('waits for /healthz to answer 200 on the given host', async () => {
    const asked: string[] = [];
    const answers = [503, 503, 200];
    let clock = 0;
    const healthy = await waitForHealth('labbotx-staging.azurewebsites.net', {
      timeoutMs: 60_000,
      pollMs: 10_000,
      fetch: (url) => {
        asked.push(url);
        return Promise.resolve({ status: answers.shift() ?? 500 });
      },
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      now: () => clock,
    });
    assert.equal(healthy, true);
    assert.equal(asked.length, 3);
    assert.equal(asked[0], 'https://labbotx-staging.azurewebsites.net/healthz');
  });

  it('gives up after the timeout when the health check never passes, even on network errors', async () => {
    let clock = 0;
    let tries = 0;
    const healthy = await waitForHealth('labbotx-staging.azurewebsites.net', {
      timeoutMs: 30_000,
      pollMs: 10_000,
      fetch: () => {
        tries += 1;
        return Promise.reject(new Error('ECONNREFUSED'));
      },
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      now: () => clock,
    });
    assert.equal(healthy, false);
    assert.equal(tries, 4);
  });
});
