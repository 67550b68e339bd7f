import assert from 'node:assert/strict';
import { CONFIG_VARIABLES, ConfigError, SECRET_VARIABLES, loadConfig } from '../../src/config';

const ADMIN = '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GRAPH_APP = '0c8e4f2a-91b7-4d3e-a5c6-7f1b2d9e8a43';
const IDENTITY = '6a1f0d3c-2b4e-4c8d-9e7f-1a2b3c4d5e6f';

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
      ALLOWED_TENANT_IDS: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.credentials?.appType, 'MultiTenant');
  });

  it('takes activities of the named tenants only once credentials are configured', () => {
    const tenant = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
    assert.ok(
      problemsOf({ BOT_ID: '00000000-0000-0000-0000-00000000b07a', BOT_PASSWORD: 'x' }).some((p) =>
        p.startsWith('ALLOWED_TENANT_IDS: required'),
      ),
    );
    const single = loadConfig({
      BOT_ID: '00000000-0000-0000-0000-00000000b07a',
      BOT_TYPE: 'SingleTenant',
      BOT_PASSWORD: 'x',
      BOT_TENANT_ID: tenant,
    });
    assert.deepEqual(single.allowedTenantIds, [tenant.toLowerCase()]);
    assert.equal(loadConfig({}).allowedTenantIds, undefined, 'a local run takes any tenant');
    assert.match(problemsOf({ ALLOWED_TENANT_IDS: 'contoso' })[0]!, /^ALLOWED_TENANT_IDS: must be/);
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

  it('takes the Graph app with its tenant and exactly one proof: a secret or a managed identity', () => {
    assert.equal(loadConfig({}).graph, undefined);
    assert.deepEqual(
      problemsOf({ GRAPH_CLIENT_ID: GRAPH_APP })
        .map((p) => p.split(':')[0])
        .sort(),
      ['GRAPH_CLIENT_SECRET', 'GRAPH_TENANT_ID'],
    );
    assert.match(
      problemsOf({
        GRAPH_TENANT_ID: TENANT,
        GRAPH_CLIENT_ID: GRAPH_APP,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
      })[0]!,
      /exactly one/,
    );
    assert.match(problemsOf({ GRAPH_CLIENT_SECRET: 's' })[0]!, /^GRAPH_CLIENT_ID: required/);
    assert.match(
      problemsOf({ GRAPH_TEAMS_APP_ID: TENANT })[0]!,
      /^GRAPH_CLIENT_ID: required when GRAPH_TEAMS_APP_ID/,
    );
    assert.match(
      problemsOf({
        GRAPH_TENANT_ID: TENANT,
        GRAPH_CLIENT_ID: GRAPH_APP,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_TEAMS_APP_ID: 'com.example.labbot',
      })[0]!,
      /^GRAPH_TEAMS_APP_ID: must be a GUID/,
    );
    assert.equal(
      loadConfig({
        GRAPH_TENANT_ID: TENANT,
        GRAPH_CLIENT_ID: GRAPH_APP,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_TEAMS_APP_ID: IDENTITY,
      }).graph?.teamsAppCatalogueId,
      IDENTITY,
    );
    assert.deepEqual(
      loadConfig({ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: GRAPH_APP, GRAPH_CLIENT_SECRET: 's' })
        .graph?.credential,
      { kind: 'secret', clientSecret: 's' },
    );
    const federated = loadConfig({
      GRAPH_TENANT_ID: TENANT,
      GRAPH_CLIENT_ID: GRAPH_APP,
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
    });
    assert.deepEqual(federated.graph, {
      tenantId: TENANT,
      clientId: GRAPH_APP,
      credential: { kind: 'managed-identity-federation', managedIdentityClientId: IDENTITY },
      teamsAppCatalogueId: undefined,
      meetingOrganiser: undefined,
      baseUrl: undefined,
    });
    assert.equal(
      loadConfig({
        GRAPH_TENANT_ID: TENANT,
        GRAPH_CLIENT_ID: GRAPH_APP,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_MEETING_ORGANISER: 'lab.innovation@securite-sociale.fr',
      }).graph?.meetingOrganiser,
      'lab.innovation@securite-sociale.fr',
    );
    assert.match(
      problemsOf({
        GRAPH_TENANT_ID: TENANT,
        GRAPH_CLIENT_ID: GRAPH_APP,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_MEETING_ORGANISER: 'the lab',
      })[0]!,
      /^GRAPH_MEETING_ORGANISER: must be/,
    );
    assert.match(
      problemsOf({ GRAPH_MEETING_ORGANISER: 'lab@x.fr' })[0]!,
      /^GRAPH_CLIENT_ID: required when GRAPH_MEETING_ORGANISER/,
    );
    assert.match(
      problemsOf({ GRAPH_CLIENT_ID: 'graph-app' })[0]!,
      /^GRAPH_CLIENT_ID: must be a GUID/,
    );
  });
});

describe('loadConfig (the e-mail fallback)', () => {
  const graph = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: GRAPH_APP, GRAPH_CLIENT_SECRET: 's' };

  it("takes the Lab's mailbox the e-mail fallback sends from, in lower case", () => {
    assert.equal(
      loadConfig({ ...graph, GRAPH_MAIL_SENDER: 'Lab-Innovation@CNAF.fr' }).graph?.mailSender,
      'lab-innovation@cnaf.fr',
    );
    assert.equal(loadConfig(graph).graph?.mailSender, undefined);
  });

  it('refuses a sender that is not an address, or one without the Graph app', () => {
    assert.match(
      problemsOf({ ...graph, GRAPH_MAIL_SENDER: 'lab innovation' })[0]!,
      /^GRAPH_MAIL_SENDER: must be the address/,
    );
    assert.match(
      problemsOf({ GRAPH_MAIL_SENDER: 'lab@cnaf.fr' })[0]!,
      /^GRAPH_CLIENT_ID: required when GRAPH_MAIL_SENDER is set/,
    );
  });
});

describe('loadConfig (secrets)', () => {
  const placeholders = [
    [
      'the example file placeholder',
      '<generate-with-openssl-rand-base64-48>',
      /placeholder of the example/,
    ],
    [
      'an unresolved Key Vault reference',
      '@Microsoft.KeyVault(SecretUri=https://labbot-kv.vault.azure.net/secrets/export-signing-key/)',
      /unresolved Key Vault reference/,
    ],
    [
      'an unsubstituted toolkit placeholder',
      '${{SECRET_EXPORT_SIGNING_KEY}}-and-more-characters',
      /never substituted/,
    ],
  ] as const;

  for (const [what, value, message] of placeholders) {
    it(`refuses ${what} as the export signing key, the Graph secret or the bot password`, () => {
      for (const env of [
        { EXPORT_SIGNING_KEY: value },
        { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: GRAPH_APP, GRAPH_CLIENT_SECRET: value },
        { BOT_ID: '00000000-0000-0000-0000-00000000b07a', BOT_PASSWORD: value },
      ]) {
        const problems = problemsOf(env);
        assert.ok(
          problems.some((p) => message.test(p)),
          `${Object.keys(env).join(',')}: ${problems.join(' | ')}`,
        );
      }
    });
  }

  it('treats as secrets exactly the variables SECRET_VARIABLES lists (the infrastructure test reads it)', () => {
    const reference = '@Microsoft.KeyVault(SecretUri=https://labbot-kv.vault.azure.net/secrets/x/)';
    const refusing = CONFIG_VARIABLES.filter((name) => {
      try {
        loadConfig({ [name]: reference });
        return false;
      } catch (error) {
        return (
          error instanceof ConfigError &&
          error.problems.some((p) => p.startsWith(`${name}: is an unresolved Key Vault reference`))
        );
      }
    });
    assert.deepEqual([...refusing].sort(), [...SECRET_VARIABLES].sort());
  });

  it('names the variable holding the placeholder, and never echoes the value', () => {
    const problems = problemsOf({ EXPORT_SIGNING_KEY: '<generate-with-openssl-rand-base64-48>' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^EXPORT_SIGNING_KEY: /);
    assert.doesNotMatch(problems[0]!, /openssl/);
  });
});

describe('loadConfig (PostgreSQL with a Microsoft Entra token)', () => {
  const url =
    'postgres://labbot-app@labbot-pg.postgres.database.azure.com:5432/labbot?sslmode=verify-full';

  it('logs in as the managed identity, in the schema the bot owns', () => {
    const config = loadConfig({
      DATABASE_URL: url,
      DATABASE_SCHEMA: 'labbot',
      DATABASE_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
    });
    assert.deepEqual(config.databaseTokenIdentity, { managedIdentityClientId: IDENTITY });
    assert.equal(config.databaseSchema, 'labbot');
  });

  it('sends a token only to a verified server, to a named role, with no password in the URL', () => {
    const problems = problemsOf({
      DATABASE_URL: 'postgres://:pw@labbot-pg.postgres.database.azure.com/labbot?sslmode=require',
      DATABASE_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
    });
    assert.equal(problems.length, 3, problems.join(' | '));
    assert.ok(problems.some((p) => /sslmode=verify-full/.test(p)));
    assert.ok(problems.some((p) => /no password/.test(p)));
    assert.ok(problems.some((p) => /name the PostgreSQL role/.test(p)));
  });

  it('refuses PostgreSQL-only settings without DATABASE_URL, and a schema name that needs quoting', () => {
    assert.deepEqual(
      problemsOf({ DATABASE_SCHEMA: 'labbot', DATABASE_MANAGED_IDENTITY_CLIENT_ID: IDENTITY })
        .map((p) => p.split(':')[0])
        .sort(),
      ['DATABASE_MANAGED_IDENTITY_CLIENT_ID', 'DATABASE_SCHEMA'],
    );
    assert.match(
      problemsOf({ DATABASE_URL: url, DATABASE_SCHEMA: 'Lab"bot' })[0]!,
      /^DATABASE_SCHEMA/,
    );
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
