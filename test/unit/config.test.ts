import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

const ADMIN = '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs locally on loopback with SQLite when nothing is configured', () => {
    const config = loadConfig({});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.credentials, undefined);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.sqlitePath, 'data/labbot.sqlite');
  });

  it('listens on every interface once bot credentials are configured', () => {
    const config = loadConfig({
      BOT_ID: '00000000-0000-0000-0000-00000000b07a',
      BOT_PASSWORD: 'placeholder',
    });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.credentials?.appType, 'MultiTenant');
  });

  it('names the variable when the port is not a number', () => {
    assert.deepEqual(
      problemsOf({ PORT: 'quatre' }).map((p) => p.split(':')[0]),
      ['PORT'],
    );
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      LAB_ADMIN_IDS: 'not-a-guid',
      LOG_LEVEL: 'loud',
    });
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), [
      'DATABASE_URL',
      'LAB_ADMIN_IDS',
      'LOG_LEVEL',
    ]);
  });

  it('requires a password for a multi-tenant bot and a tenant for a single-tenant one', () => {
    assert.match(
      problemsOf({ BOT_ID: '00000000-0000-0000-0000-00000000b07a' })[0]!,
      /^BOT_PASSWORD/,
    );
    assert.ok(
      problemsOf({
        BOT_ID: '00000000-0000-0000-0000-00000000b07a',
        BOT_TYPE: 'SingleTenant',
        BOT_PASSWORD: 'x',
      }).some((p) => p.startsWith('BOT_TENANT_ID')),
    );
  });

  it('accepts a managed identity without a password', () => {
    const config = loadConfig({
      BOT_ID: '00000000-0000-0000-0000-00000000b07a',
      BOT_TYPE: 'UserAssignedMsi',
      BOT_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    assert.equal(config.credentials?.password, undefined);
  });

  it('refuses to expose an unauthenticated bot beyond loopback', () => {
    assert.match(problemsOf({ HOST: '0.0.0.0' })[0]!, /^HOST: .*loopback/);
  });

  it('reads the Lab admins as a list and PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({
      LAB_ADMIN_IDS: ` ${ADMIN} , `,
      DATABASE_URL: 'postgres://127.0.0.1:5432/test',
    });
    assert.deepEqual(config.labAdminIds, [ADMIN]);
    assert.equal(config.databaseUrl, 'postgres://127.0.0.1:5432/test');
  });

  it('takes Graph credentials only as a complete set', () => {
    assert.equal(loadConfig({}).graph, undefined);
    assert.deepEqual(
      problemsOf({ GRAPH_CLIENT_ID: 'id' })
        .map((p) => p.split(':')[0])
        .sort(),
      ['GRAPH_CLIENT_SECRET', 'GRAPH_TENANT_ID'],
    );
    const config = loadConfig({
      GRAPH_TENANT_ID: 't',
      GRAPH_CLIENT_ID: 'c',
      GRAPH_CLIENT_SECRET: 's',
    });
    assert.equal(config.graph?.clientId, 'c');
  });
});

describe('loadConfig (export links)', () => {
  it('generates a random export signing key when none is configured, and says so', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    assert.equal(first.exportSigningKeyGenerated, true);
    assert.ok(first.exportSigningKey.length >= 32);
    assert.notEqual(first.exportSigningKey, second.exportSigningKey);
  });

  it('uses the configured key and refuses one shorter than 32 characters', () => {
    const key = 'k'.repeat(40);
    const config = loadConfig({ EXPORT_SIGNING_KEY: key });
    assert.deepEqual([config.exportSigningKey, config.exportSigningKeyGenerated], [key, false]);
    assert.throws(() => loadConfig({ EXPORT_SIGNING_KEY: 'short' }), /EXPORT_SIGNING_KEY/);
  });

  it('keeps the public URL without its trailing slash', () => {
    assert.equal(
      loadConfig({ PUBLIC_URL: 'https://labbot.example.org/' }).publicUrl,
      'https://labbot.example.org',
    );
    assert.throws(() => loadConfig({ PUBLIC_URL: 'ftp://x' }), /PUBLIC_URL/);
  });
});

describe('loadConfig (digests)', () => {
  it('sends the weekly digest on Monday at 09:00 Paris time unless told otherwise', () => {
    assert.deepEqual(loadConfig({}).digestSchedule, {
      weekday: 1,
      time: '09:00',
      timeZone: 'Europe/Paris',
    });
    assert.deepEqual(loadConfig({ DIGEST_DAY: 'friday', DIGEST_TIME: '16:30' }).digestSchedule, {
      weekday: 5,
      time: '16:30',
      timeZone: 'Europe/Paris',
    });
    assert.throws(() => loadConfig({ DIGEST_TIME: '9h' }), /DIGEST_TIME/);
    assert.throws(() => loadConfig({ DIGEST_DAY: 'lundi' }), /DIGEST_DAY/);
  });

  it('takes the Lab channel as a Teams channel conversation id', () => {
    assert.equal(loadConfig({}).labChannelId, undefined);
    assert.equal(
      loadConfig({ LAB_CHANNEL_ID: '19:lab@thread.tacv2' }).labChannelId,
      '19:lab@thread.tacv2',
    );
    assert.throws(() => loadConfig({ LAB_CHANNEL_ID: 'general' }), /LAB_CHANNEL_ID/);
  });
});
