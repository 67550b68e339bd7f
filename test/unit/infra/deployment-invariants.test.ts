import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import { parse as parseYaml } from 'yaml';
import { GRAPH_RSC_PERMISSIONS } from '../../../src/adapters/graph/graph-channel-provisioner';
import { CONFIG_VARIABLES, SECRET_VARIABLES } from '../../../src/config';
import { OUTBOX_HEALTH_EVENT } from '../../../src/jobs/create-outbox-health-job';
import { parseEnvFile } from '../../../scripts/package-app';
import {
  dependsOn,
  objectEntries,
  onlyResourceOfType,
  propertyText,
  readBicep,
  resourcesOfType,
  stringProperty,
  type BicepFile,
} from '../../support/read-bicep';

const ROOT = join(__dirname, '..', '..', '..');
const INFRA = join(ROOT, 'infra');
const BICEP_FILES = readdirSync(INFRA).filter((name) => name.endsWith('.bicep'));
const MAIN = readBicep(join(INFRA, 'azure.bicep'));

/** Regions of the European Union the template may deploy to. */
const EU_REGIONS = new Set([
  'francecentral',
  'francesouth',
  'westeurope',
  'northeurope',
  'germanywestcentral',
  'germanynorth',
  'swedencentral',
  'swedensouth',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'belgiumcentral',
  'austriaeast',
]);

/** App settings App Service itself reads, besides the bot's own variables. */
const PLATFORM_SETTINGS = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT', 'ENABLE_ORYX_BUILD']);

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function readYaml(path: string): { provision: Step[]; deploy: Step[] } {
  return parseYaml(readFileSync(path, 'utf8')) as { provision: Step[]; deploy: Step[] };
}

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

/** Every `KEY: value` the Web App and its slot get: the objects their `appsettings` union. */
function appSettings(file: BicepFile): Map<string, string> {
  const settings = new Map<string, string>();
  const configs = file.resources.filter((r) =>
    /^Microsoft\.Web\/sites(\/slots)?\/config$/.test(r.type),
  );
  assert.ok(configs.length > 0, 'the Web App has app settings');
  for (const config of configs) {
    assert.equal(stringProperty(config.body, 'name'), 'appsettings');
    const properties = propertyText(config.body, 'properties')!;
    const names = /^union\(([\w,\s]+)\)$/
      .exec(properties)?.[1]
      ?.split(',')
      .map((n) => n.trim());
    assert.ok(names !== undefined, `app settings are a union of named objects: ${properties}`);
    for (const name of names) {
      const text = file.vars.get(name);
      assert.ok(text !== undefined, `var ${name}`);
      // Nested objects of a conditional union: every UPPER_CASE key with its value.
      for (const match of text.matchAll(/^\s*([A-Z][A-Z0-9_]+):\s*(.+)$/gm)) {
        settings.set(match[1]!, match[2]!.trim());
      }
      if (text.startsWith('{')) {
        for (const [key, value] of objectEntries(text)) settings.set(key, value);
      }
    }
  }
  return settings;
}

describe('deployment invariants (infra/*.bicep, parameters, toolkit files, manifest)', () => {
  for (const fileName of BICEP_FILES) {
    describe(fileName, () => {
      const file = readBicep(join(INFRA, fileName));

      it('opens no database firewall, to Azure or anyone (no 0.0.0.0 rule)', () => {
        assert.doesNotMatch(file.code, /0\.0\.0\.0/);
        assert.deepEqual(
          resourcesOfType(file, 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules'),
          [],
        );
      });

      it('uses every secure parameter only as the value of a Key Vault secret', () => {
        for (const param of file.params.values()) {
          if (!param.decorators.has('secure')) continue;
          const uses = [...file.code.matchAll(new RegExp(`\\b${param.name}\\b`, 'g'))].length;
          const inVault = resourcesOfType(file, 'Microsoft.KeyVault/vaults/secrets').filter(
            (secret) => propertyText(secret.body, 'value') === param.name,
          ).length;
          assert.equal(inVault, 1, `${param.name} is stored in Key Vault`);
          assert.equal(uses, 1 + inVault, `${param.name} is used nowhere else`);
        }
      });

      it('creates regional resources only in the location parameter, or globally', () => {
        for (const resource of file.resources) {
          const location = propertyText(resource.body, 'location');
          if (location === undefined) continue;
          assert.ok(
            location === 'location' || location === "'global'",
            `${resource.symbol}: location ${location}`,
          );
        }
      });
    });
  }

  describe('azure.bicep', () => {
    it('defaults every resource to France Central and allows EU regions only', () => {
      const location = MAIN.params.get('location')!;
      assert.equal(location.defaultValue, "'francecentral'");
      const allowed = [...(location.decorators.get('allowed') ?? '').matchAll(/'([a-z]+)'/g)].map(
        (m) => m[1]!,
      );
      assert.ok(allowed.includes('francecentral'));
      for (const region of allowed) assert.ok(EU_REGIONS.has(region), region);
    });

    it('keeps PostgreSQL private, Entra-only, encrypted, TLS-only, with 35-day geo-redundant backups', () => {
      const server = onlyResourceOfType(MAIN, 'Microsoft.DBforPostgreSQL/flexibleServers');
      assert.equal(stringProperty(server.body, 'publicNetworkAccess'), 'Disabled');
      assert.equal(stringProperty(server.body, 'activeDirectoryAuth'), 'Enabled');
      assert.equal(stringProperty(server.body, 'passwordAuth'), 'Disabled');
      assert.doesNotMatch(server.body, /administratorLogin/);
      assert.equal(propertyText(server.body, 'backupRetentionDays'), '35');
      assert.equal(stringProperty(server.body, 'geoRedundantBackup'), 'Enabled');
      assert.equal(stringProperty(server.body, 'type'), 'SystemManaged');
      const settings = resourcesOfType(
        MAIN,
        'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
      ).map((c) => [stringProperty(c.body, 'name'), stringProperty(c.body, 'value')]);
      assert.deepEqual(settings, [
        ['require_secure_transport', 'on'],
        ['ssl_min_protocol_version', 'TLSv1.2'],
      ]);
      // Its only way in: a private endpoint, with the private DNS zone that resolves it.
      const endpoints = resourcesOfType(MAIN, 'Microsoft.Network/privateEndpoints');
      assert.ok(
        endpoints.some(
          (e) =>
            /privateLinkServiceId:\s*postgres\.id/.test(e.body) &&
            /'postgresqlServer'/.test(e.body),
        ),
      );
      assert.ok(
        resourcesOfType(MAIN, 'Microsoft.Network/privateDnsZones').some(
          (zone) => stringProperty(zone.body, 'name') === 'privatelink.postgres.database.azure.com',
        ),
      );
    });

    it('makes an Entra group the only PostgreSQL administrator, never the bot’s identity', () => {
      const admin = onlyResourceOfType(
        MAIN,
        'Microsoft.DBforPostgreSQL/flexibleServers/administrators',
      );
      assert.equal(stringProperty(admin.body, 'principalType'), 'Group');
      assert.equal(propertyText(admin.body, 'name'), 'postgresAdminGroupObjectId');
      assert.doesNotMatch(admin.body, /identity\./);
    });

    it('runs the operations on the PostgreSQL server one after the other (dependsOn chain)', () => {
      const onServer = MAIN.resources.filter(
        (r) =>
          /^\s*parent:\s*postgres$/m.test(r.body) ||
          /privateLinkServiceId:\s*postgres\.id/.test(r.body) ||
          /^\s*scope:\s*postgres$/m.test(r.body),
      );
      assert.ok(onServer.length >= 5, onServer.map((r) => r.symbol).join(', '));
      const symbols = new Set(onServer.map((r) => r.symbol));
      // Exactly one starts the chain; each other one waits for another server operation, and no
      // two wait for the same one, so none run at the same time.
      const waitsFor = new Map(
        onServer.map((r) => [r.symbol, dependsOn(r.body).filter((d) => symbols.has(d))]),
      );
      const first = [...waitsFor].filter(([, deps]) => deps.length === 0).map(([s]) => s);
      assert.equal(first.length, 1, `chain starts: ${first.join(', ')}`);
      const awaited = [...waitsFor.values()].flat();
      assert.equal(new Set(awaited).size, awaited.length, 'a single chain, no fork');
      assert.equal(awaited.length, onServer.length - 1);
    });

    it('gives the bot a PostgreSQL URL with no password and a verified TLS connection', () => {
      const url = MAIN.vars.get('databaseUrl')!;
      assert.match(url, /^'postgres:\/\/\$\{databaseRoleName\}@/);
      assert.match(url, /sslmode=verify-full'$/);
      const settings = appSettings(MAIN);
      assert.equal(settings.get('DATABASE_URL'), 'databaseUrl');
      assert.equal(
        settings.get('DATABASE_MANAGED_IDENTITY_CLIENT_ID'),
        'identity.properties.clientId',
      );
    });

    it('puts no secret in plain app settings: each one is a Key Vault reference', () => {
      const settings = appSettings(MAIN);
      for (const name of SECRET_VARIABLES) {
        const value = settings.get(name);
        if (value === undefined) continue;
        assert.match(value, /^'@Microsoft\.KeyVault\(SecretUri=\$\{[^}]+\}[^']*\)'$/, name);
      }
      assert.ok(settings.has('EXPORT_SIGNING_KEY'));
      assert.ok(settings.has('GRAPH_CLIENT_SECRET'));
      const secure = [...MAIN.params.values()].filter((p) => p.decorators.has('secure'));
      for (const [name, value] of settings) {
        for (const param of secure) {
          assert.doesNotMatch(
            value,
            new RegExp(`\\b${param.name}\\b`),
            `${name} uses ${param.name}`,
          );
        }
      }
    });

    it('passes the meetings organiser and the Lab’s mailbox to the bot only when given, with Graph', () => {
      const graph = MAIN.vars.get('graphSettings');
      assert.ok(graph !== undefined);
      // Without a Graph app there is no calendar and no e-mail, whatever the mailboxes.
      assert.match(graph, /^!useGraph\s*\?\s*\{\}/);
      const settings = appSettings(MAIN);
      for (const [setting, param] of [
        ['GRAPH_MEETING_ORGANISER', 'graphMeetingOrganiser'],
        ['GRAPH_MAIL_SENDER', 'graphMailSender'],
      ] as const) {
        assert.equal(MAIN.params.get(param)?.defaultValue, "''", `${param} is optional`);
        assert.ok(!MAIN.params.get(param)?.decorators.has('secure'), `${param} is no secret`);
        assert.equal(settings.get(setting), param);
        // An empty setting is left out rather than set to ''.
        assert.match(
          graph,
          new RegExp(
            `empty\\(${param}\\)\\s*\\?\\s*\\{\\}\\s*:\\s*\\{\\s*${setting}: ${param}\\s*\\}`,
          ),
        );
      }
    });

    it('sets only variables the bot reads, besides App Service’s own', () => {
      for (const name of appSettings(MAIN).keys()) {
        assert.ok(CONFIG_VARIABLES.includes(name) || PLATFORM_SETTINGS.has(name), name);
      }
    });

    it('lets the managed identity read the vault’s secrets, the vault being private and RBAC-only', () => {
      const vault = onlyResourceOfType(MAIN, 'Microsoft.KeyVault/vaults');
      assert.equal(propertyText(vault.body, 'enableRbacAuthorization'), 'true');
      assert.equal(propertyText(vault.body, 'enablePurgeProtection'), 'true');
      assert.equal(stringProperty(vault.body, 'publicNetworkAccess'), 'Disabled');
      const grant = onlyResourceOfType(MAIN, 'Microsoft.Authorization/roleAssignments');
      assert.match(
        MAIN.vars.get('keyVaultSecretsUserRoleId')!,
        /4633458b-17de-408a-b874-0445c86b69e6/,
      );
      assert.equal(propertyText(grant.body, 'principalId'), 'identity.properties.principalId');
      assert.equal(propertyText(grant.body, 'scope'), 'vault');
      // Key Vault references resolve with that identity, over the virtual network.
      const site = MAIN.vars.get('siteProperties')!;
      assert.match(site, /keyVaultReferenceIdentity:\s*identity\.id/);
      assert.match(site, /vnetRouteAllEnabled:\s*true/);
      assert.match(site, /virtualNetworkSubnetId:\s*appSubnetId/);
    });

    it('requires an export signing key of 32 characters or more, kept secure', () => {
      const key = MAIN.params.get('exportSigningKey')!;
      assert.ok(key.decorators.has('secure'));
      assert.equal(key.decorators.get('minLength'), '32');
      assert.equal(key.defaultValue, undefined, 'no default key');
    });

    it('runs two instances or more, with a staging slot, on a tier that has them', () => {
      const count = MAIN.params.get('webAppInstanceCount')!;
      assert.ok(Number(count.decorators.get('minValue')) >= 2);
      const sku = MAIN.params.get('webAppSku')!;
      const tiers = [...(sku.decorators.get('allowed') ?? '').matchAll(/'(\w+)'/g)].map(
        (m) => m[1]!,
      );
      assert.ok(tiers.length > 0);
      // Free, Shared and Basic plans have no deployment slot.
      for (const tier of tiers) assert.match(tier, /^(S\d|P\d+v3|P\d+mv3)$/, tier);
      assert.match(
        onlyResourceOfType(MAIN, 'Microsoft.Web/serverfarms').body,
        /capacity:\s*webAppInstanceCount/,
      );
      const slot = onlyResourceOfType(MAIN, 'Microsoft.Web/sites/slots');
      assert.equal(stringProperty(slot.body, 'name'), 'staging');
      for (const policy of MAIN.resources.filter((r) =>
        r.type.endsWith('basicPublishingCredentialsPolicies'),
      )) {
        assert.equal(propertyText(policy.body, 'allow'), 'false', policy.symbol);
      }
    });

    it('sends logs to Log Analytics and alerts on 5xx, on outbox messages given up on and on a silent scheduler', () => {
      onlyResourceOfType(MAIN, 'Microsoft.OperationalInsights/workspaces');
      onlyResourceOfType(MAIN, 'Microsoft.Insights/components');
      const scopes = resourcesOfType(MAIN, 'Microsoft.Insights/diagnosticSettings').map((d) =>
        propertyText(d.body, 'scope'),
      );
      for (const scope of ['webApp', 'postgres', 'vault']) assert.ok(scopes.includes(scope), scope);
      const metricAlerts = resourcesOfType(MAIN, 'Microsoft.Insights/metricAlerts');
      assert.ok(metricAlerts.some((a) => stringProperty(a.body, 'metricName') === 'Http5xx'));
      const logAlerts = resourcesOfType(MAIN, 'Microsoft.Insights/scheduledQueryRules');
      assert.equal(logAlerts.length, 2);
      for (const alert of logAlerts) {
        // The query looks for the line the bot's outbox health job logs.
        assert.ok(alert.body.includes(`'${OUTBOX_HEALTH_EVENT}'`), alert.symbol);
        assert.match(alert.body, /actionGroups:\s*\[\s*alertGroup\.id/);
      }
    });

    it('registers the bot as its managed identity, single tenant', () => {
      const bot = onlyResourceOfType(MAIN, 'Microsoft.BotService/botServices');
      assert.equal(stringProperty(bot.body, 'msaAppType'), 'UserAssignedMSI');
    });
  });

  describe('parameters and environment files', () => {
    const parameters = readJson(join(INFRA, 'azure.parameters.json')).parameters as Record<
      string,
      { value: string }
    >;

    it('gives every required parameter, and only parameters the template declares', () => {
      for (const name of Object.keys(parameters)) assert.ok(MAIN.params.has(name), name);
      for (const param of MAIN.params.values()) {
        if (param.defaultValue === undefined) assert.ok(param.name in parameters, param.name);
      }
    });

    it('fills the parameters from variables the dev environment declares', () => {
      const declared = {
        ...parseEnvFile(readFileSync(join(ROOT, 'env', '.env.dev'), 'utf8')),
        ...parseEnvFile(readFileSync(join(ROOT, 'env', '.env.dev.user.example'), 'utf8')),
      };
      const written = new Set(
        readYaml(join(ROOT, 'm365agents.yml')).provision.flatMap((step) =>
          Object.values(step.writeToEnvironmentFile ?? {}),
        ),
      );
      for (const { value } of Object.values(parameters)) {
        for (const match of value.matchAll(/\$\{\{(\w+)\}\}/g)) {
          const variable = match[1]!;
          assert.ok(
            variable in declared || written.has(variable) || variable === 'RESOURCE_SUFFIX',
            variable,
          );
        }
      }
    });

    it('fills the meetings organiser and the Lab’s mailbox from the environment', () => {
      assert.equal(parameters.graphMeetingOrganiser?.value, '${{GRAPH_MEETING_ORGANISER}}');
      assert.equal(parameters.graphMailSender?.value, '${{GRAPH_MAIL_SENDER}}');
    });

    it('passes the Graph app created by the toolkit to the template, the manifest naming the same app', () => {
      const graphApp = readYaml(join(ROOT, 'm365agents.yml')).provision.find(
        (step) => step.uses === 'aadApp/create',
      );
      assert.ok(graphApp, 'aadApp/create registers the Graph app');
      assert.equal(graphApp.writeToEnvironmentFile?.clientId, 'GRAPH_CLIENT_ID');
      assert.equal(graphApp.with?.generateServicePrincipal, true);
      assert.equal(graphApp.with?.signInAudience, 'AzureADMyOrg');
      assert.equal(parameters.graphClientId?.value, '${{GRAPH_CLIENT_ID}}');
      const manifest = readJson(join(ROOT, 'appPackage', 'manifest.json')) as {
        webApplicationInfo: { id: string };
        bots: { botId: string }[];
        authorization: { permissions: { resourceSpecific: { name: string }[] } };
      };
      assert.equal(manifest.webApplicationInfo.id, '${{GRAPH_CLIENT_ID}}');
      assert.equal(manifest.bots[0]!.botId, '${{BOT_ID}}');
      const rsc = manifest.authorization.permissions.resourceSpecific.map((p) => p.name);
      for (const permission of Object.values(GRAPH_RSC_PERMISSIONS)) {
        assert.ok(rsc.includes(permission), permission);
      }
    });
  });

  describe('toolkit files', () => {
    it('registers the local bot as a single-tenant app with its service principal', () => {
      const local = readYaml(join(ROOT, 'm365agents.local.yml'));
      assert.ok(!local.provision.some((step) => step.uses === 'botAadApp/create'));
      const apps = local.provision.filter((step) => step.uses === 'aadApp/create');
      assert.deepEqual(
        apps.map((app) => app.writeToEnvironmentFile?.clientId),
        ['BOT_ID', 'GRAPH_CLIENT_ID'],
      );
      for (const app of apps) {
        assert.equal(app.with?.generateServicePrincipal, true);
        assert.equal(app.with?.signInAudience, 'AzureADMyOrg');
      }
      const localConfig = local.deploy.find(
        (step) => step.uses === 'file/createOrUpdateEnvironmentFile',
      );
      const envs = localConfig?.with?.envs as Record<string, unknown>;
      assert.equal(envs.BOT_TYPE, 'SingleTenant');
      assert.doesNotMatch(readFileSync(join(ROOT, 'm365agents.local.yml'), 'utf8'), /MultiTenant/);
    });

    it('pins a current Bicep CLI, not the 2022 one of the templates', () => {
      const arm = readYaml(join(ROOT, 'm365agents.yml')).provision.find(
        (s) => s.uses === 'arm/deploy',
      );
      const version = String(arm?.with?.bicepCliVersion);
      const [, major, minor] = /^v(\d+)\.(\d+)\.\d+$/.exec(version) ?? [];
      assert.ok(major !== undefined && minor !== undefined, version);
      // v0.47 (September 2026) or later.
      assert.ok(Number(major) > 0 || Number(minor) >= 47, version);
    });

    it('deploys through the staging slot, never straight to production', () => {
      const deploy = readYaml(join(ROOT, 'm365agents.yml')).deploy;
      assert.ok(!deploy.some((step) => step.uses === 'azureAppService/zipDeploy'));
      const script = deploy.find((step) => step.uses === 'script');
      assert.match(String(script?.with?.run), /scripts\/deploy-to-slot\.ts/);
    });

    it('leaves dotenv files and *.user files out of what is deployed', () => {
      const rules = ignore().add(readFileSync(join(INFRA, 'webapp.ignore'), 'utf8'));
      for (const path of [
        '.env',
        '.env.production',
        'env/.env.dev.user',
        'settings.user',
        'src/local.user',
        '.localConfigs',
        'node_modules/pg/index.js',
      ]) {
        assert.ok(rules.ignores(path), path);
      }
      assert.ok(!rules.ignores('src/main.ts'));
      assert.ok(!rules.ignores('package-lock.json'));
    });
  });

  describe('docs/deployment.md', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'deployment.md'), 'utf8');

    it('lists every variable the bot reads', () => {
      for (const variable of CONFIG_VARIABLES) {
        assert.ok(docs.includes(`\`${variable}\``), variable);
      }
    });

    it('names every resource-specific permission and why', () => {
      for (const permission of Object.values(GRAPH_RSC_PERMISSIONS)) {
        assert.ok(docs.includes(`\`${permission}\``), permission);
      }
    });
  });
});
