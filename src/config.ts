import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  parsePriorityWeights,
  type PriorityWeights,
} from './core/lab-sessions/prioritise-requests';

/** Raised when the environment does not describe a runnable bot; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Largest request body accepted on /api/messages; Teams activities are far smaller (cards stay under 80 KB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Shortest export signing key accepted: 32 characters. RFC 2104 recommends an HMAC key at least
 * as long as the hash output, 32 bytes for SHA-256; a generated key has 32 random bytes.
 */
export const MIN_EXPORT_SIGNING_KEY_LENGTH = 32;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** DIGEST_DAY values, Monday first (ISO 8601 numbers them 1 to 7). */
const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lower-case PostgreSQL identifiers only (at most 63 bytes), so the name needs no quoting. */
const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Why a secret's value cannot be the secret: a template placeholder (`<…>`, as in
 * env/.env.dev.user.example), a toolkit placeholder left unsubstituted (`${{…}}`), or a Key Vault
 * reference App Service could not resolve, which it then passes on as the reference text itself.
 * Undefined when the value may be a real secret.
 */
export function describeUnusableSecret(value: string): string | undefined {
  if (/^@Microsoft\.KeyVault\(/i.test(value)) {
    return 'is an unresolved Key Vault reference: check that the Web App identity has the Key Vault Secrets User role and reaches the vault';
  }
  if (value.includes('${{')) return 'is a toolkit placeholder that was never substituted';
  if (/^<.*>$/.test(value)) return 'is the placeholder of the example file: set a real value';
  return undefined;
}

/** An optional secret: refused when its value is a placeholder (see describeUnusableSecret). */
const optionalSecret = optionalText.superRefine((value, context) => {
  const problem = value === undefined ? undefined : describeUnusableSecret(value);
  if (problem !== undefined) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  BOT_ID: optionalText.refine((v) => v === undefined || guid.test(v), 'must be a GUID'),
  BOT_PASSWORD: optionalSecret,
  BOT_TENANT_ID: optionalText,
  BOT_OPENID_METADATA_URL: optionalText.refine(
    (v) => v === undefined || /^https?:\/\//.test(v),
    'must be an http(s) URL',
  ),
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant'),
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    'must start with postgres:// or postgresql://',
  ),
  DATABASE_SCHEMA: optionalText.refine(
    (v) => v === undefined || schemaName.test(v),
    'must be a lower-case PostgreSQL identifier (letters, digits, _)',
  ),
  DATABASE_MANAGED_IDENTITY_CLIENT_ID: optionalText.refine(
    (v) => v === undefined || guid.test(v),
    'must be a GUID (the client id of the user-assigned managed identity)',
  ),
  SQLITE_PATH: z.string().trim().min(1).default('data/labbot.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOWED_TENANT_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== ''),
    )
    .refine((ids) => ids.every((id) => guid.test(id)), 'must be a comma-separated list of GUIDs'),
  LAB_ADMIN_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .refine((ids) => ids.every((id) => guid.test(id)), 'must be a comma-separated list of GUIDs'),
  GRAPH_TENANT_ID: optionalText.refine((v) => v === undefined || guid.test(v), 'must be a GUID'),
  GRAPH_CLIENT_ID: optionalText.refine((v) => v === undefined || guid.test(v), 'must be a GUID'),
  GRAPH_CLIENT_SECRET: optionalSecret,
  GRAPH_MANAGED_IDENTITY_CLIENT_ID: optionalText.refine(
    (v) => v === undefined || guid.test(v),
    'must be a GUID (the client id of the user-assigned managed identity)',
  ),
  GRAPH_TEAMS_APP_ID: optionalText.refine(
    (v) => v === undefined || guid.test(v),
    "must be a GUID (the app's id in the organisation's Teams app catalogue)",
  ),
  GRAPH_MEETING_ORGANISER: optionalText.refine(
    (v) => v === undefined || guid.test(v) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    "must be the organiser mailbox's address (user principal name) or Entra object id",
  ),
  // The Lab's mailbox the e-mail fallback sends from (docs/graph.md: Mail.Send and its access policy).
  GRAPH_MAIL_SENDER: optionalText.refine(
    (v) => v === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    "must be the address (or user principal name) of the Lab's mailbox",
  ),
  GRAPH_BASE_URL: optionalText.refine(
    (v) => v === undefined || /^https?:\/\//.test(v),
    'must be an http(s) URL',
  ),
  EXPORT_SIGNING_KEY: optionalSecret.refine(
    (v) => v === undefined || v.length >= MIN_EXPORT_SIGNING_KEY_LENGTH,
    `must be at least ${MIN_EXPORT_SIGNING_KEY_LENGTH} characters`,
  ),
  PUBLIC_URL: optionalText.refine(
    (v) => v === undefined || /^https?:\/\/[^/]+/.test(v),
    'must be an http(s) URL',
  ),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_BODY_BYTES),
  // Facilitator days the Lab can give Lab sessions each month (6 people, seed 003: at most ~120).
  LAB_SESSION_CAPACITY_DAYS: optionalText.pipe(z.coerce.number().positive().max(1000).optional()),
  // How the prioritisation card weighs qualified requests: "urgency=3,impact=3,effort=2,fit=2".
  LAB_SESSION_PRIORITY_WEIGHTS: optionalText.transform((value, context) => {
    const parsed = parsePriorityWeights(value);
    if (parsed.ok) return parsed.weights;
    context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.reason });
    return z.NEVER;
  }),
  LAB_CHANNEL_ID: optionalText.refine(
    (v) => v === undefined || /^19:\S+$/.test(v),
    'must be a Teams channel conversation id (19:…@thread.tacv2)',
  ),
  DIGEST_DAY: z.enum(WEEKDAYS).default('monday'),
  DIGEST_TIME: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)')
    .default('09:00'),
  /** Who answers for personal data (DPO): an address or a page, named in the information notice. */
  DPO_CONTACT: optionalText,
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .default('')
    .transform((v) => v === 'true' || v === '1'),
});

/** Every environment variable the bot reads (docs/deployment.md lists each one; a test checks). */
export const CONFIG_VARIABLES = Object.keys(environmentSchema.shape) as readonly string[];

/**
 * The variables that hold secrets: never in plain app settings (Key Vault references in Azure, a
 * test reads infra/azure.bicep), never logged, and refused when they hold a placeholder.
 */
export const SECRET_VARIABLES = [
  'BOT_PASSWORD',
  'GRAPH_CLIENT_SECRET',
  'EXPORT_SIGNING_KEY',
] as const;

/** Credentials the Bot Framework adapter needs to authenticate calls in both directions. */
export interface BotCredentials {
  appId: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
  password: string | undefined;
  tenantId: string | undefined;
  /**
   * Where the keys signing the Bot Connector's tokens are published; absent: the Bot Framework's
   * own (tests point it at a local key set).
   */
  openIdMetadataUrl: string | undefined;
}

/**
 * How the Graph app proves who it is: a client secret (local runs; in Azure it comes from Key
 * Vault), or a federated credential, the token of a user-assigned managed identity that the app
 * registration trusts (no secret at all).
 */
export type GraphAppCredential =
  | { kind: 'secret'; clientSecret: string }
  | { kind: 'managed-identity-federation'; managedIdentityClientId: string };

/**
 * The Graph app registration (channel creation): the app named in the manifest's
 * webApplicationInfo, to which a team owner grants the resource-specific consent. Absent in local
 * runs: teams then get a thread in the General channel.
 */
export interface GraphSettings {
  tenantId: string;
  clientId: string;
  credential: GraphAppCredential;
  /**
   * The bot's Teams app in the organisation's app catalogue (its `teamsApp` id, not the manifest
   * id): with it, the bot installs itself for people who never opened it. Absent: it does not.
   */
  teamsAppCatalogueId: string | undefined;
  /**
   * The mailbox (user principal name or Entra id) that organises the programmes' meetings: with
   * it, they go on calendars as Teams meetings (Calendars.ReadWrite). Absent: they do not.
   */
  meetingOrganiser: string | undefined;
  /**
   * The Lab's mailbox (GRAPH_MAIL_SENDER): messages Teams cannot deliver go by e-mail from it
   * (Graph sendMail, Mail.Send restricted to it by an application access policy). Absent: none.
   */
  mailSender?: string;
  /** Graph v1.0 root; only tests change it. */
  baseUrl: string | undefined;
}

/**
 * Microsoft Entra authentication to PostgreSQL: the password is an access token of this
 * user-assigned managed identity, fetched and refreshed by the bot.
 */
export interface DatabaseTokenIdentity {
  managedIdentityClientId: string;
}

/** The bot's validated configuration. */
export interface Config {
  port: number;
  /** Interface to listen on: loopback when no credentials are configured. */
  host: string;
  /** Absent in local runs (Agents Playground): requests are then not authenticated. */
  credentials: BotCredentials | undefined;
  databaseUrl: string | undefined;
  /** PostgreSQL only: the schema the bot creates and works in (its role owns nothing else). */
  databaseSchema: string | undefined;
  /** PostgreSQL only: log in with a Microsoft Entra token instead of a password. */
  databaseTokenIdentity: DatabaseTokenIdentity | undefined;
  sqlitePath: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  labAdminIds: string[];
  /**
   * The Entra tenants whose activities the bot takes (lower case); undefined: any tenant, which
   * only a local run without credentials allows.
   */
  allowedTenantIds: string[] | undefined;
  maxBodyBytes: number;
  seedDemo: boolean;
  /** The Lab team's channel, where the weekly digest is posted; absent: each Lab member in personal chat. */
  labChannelId: string | undefined;
  /** Facilitator days per month the Lab gives Lab sessions; "demandes" flags months beyond it. */
  labSessionCapacityDays: number | undefined;
  /** Weights of urgency, impact, effort and strategic fit in the Lab session prioritisation. */
  labSessionPriorityWeights: PriorityWeights;
  /** When the weekly digest goes out: ISO weekday (1 is Monday) and HH:MM, Europe/Paris. */
  digestSchedule: { weekday: number; time: string; timeZone: string };
  /** Without it, each team gets a thread in the programme team's General channel instead of a channel. */
  graph: GraphSettings | undefined;
  /** HMAC key of export download links; generated at start when not configured. */
  exportSigningKey: string;
  /** True when the key was generated: links then die with the process and differ between instances. */
  exportSigningKeyGenerated: boolean;
  /** Where people reach the bot's server (export links); absent: the address it listens on. */
  publicUrl: string | undefined;
  /** The DPO's contact shown in the information notice of the candidacy form. */
  dpoContact: string | undefined;
}

/** Reads and validates the configuration from environment variables; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const v = parsed.data;
  const problems: string[] = [];
  let credentials: BotCredentials | undefined;
  if (v.BOT_ID !== undefined) {
    if (v.BOT_TYPE !== 'UserAssignedMsi' && v.BOT_PASSWORD === undefined) {
      problems.push(`BOT_PASSWORD: required when BOT_ID is set and BOT_TYPE is ${v.BOT_TYPE}`);
    }
    if (v.BOT_TYPE !== 'MultiTenant' && v.BOT_TENANT_ID === undefined) {
      problems.push(`BOT_TENANT_ID: required when BOT_TYPE is ${v.BOT_TYPE}`);
    }
    credentials = {
      appId: v.BOT_ID,
      appType: v.BOT_TYPE,
      password: v.BOT_PASSWORD,
      tenantId: v.BOT_TENANT_ID,
      openIdMetadataUrl: v.BOT_OPENID_METADATA_URL,
    };
  } else if (v.BOT_PASSWORD !== undefined) {
    problems.push('BOT_ID: required when BOT_PASSWORD is set');
  }
  if (credentials === undefined && v.HOST !== undefined && !isLoopback(v.HOST)) {
    problems.push(
      `HOST: ${v.HOST} is not a loopback address; without BOT_ID the bot accepts unauthenticated requests and must stay on 127.0.0.1`,
    );
  }
  let allowedTenantIds: string[] | undefined =
    v.ALLOWED_TENANT_IDS.length > 0 ? v.ALLOWED_TENANT_IDS : undefined;
  if (credentials !== undefined && allowedTenantIds === undefined) {
    // A single-tenant bot serves its own tenant; a multi-tenant one must say which.
    if (credentials.appType !== 'MultiTenant' && credentials.tenantId !== undefined) {
      allowedTenantIds = [credentials.tenantId.toLowerCase()];
    } else {
      problems.push(
        'ALLOWED_TENANT_IDS: required when BOT_ID is set with BOT_TYPE MultiTenant (the tenants whose people may use the bot)',
      );
    }
  }
  const graph = readGraphSettings(v, problems);
  problems.push(...checkDatabaseSettings(v));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: v.PORT,
    host: v.HOST ?? (credentials === undefined ? '127.0.0.1' : '0.0.0.0'),
    credentials,
    databaseUrl: v.DATABASE_URL,
    databaseSchema: v.DATABASE_SCHEMA,
    databaseTokenIdentity:
      v.DATABASE_MANAGED_IDENTITY_CLIENT_ID === undefined
        ? undefined
        : { managedIdentityClientId: v.DATABASE_MANAGED_IDENTITY_CLIENT_ID },
    sqlitePath: v.SQLITE_PATH,
    logLevel: v.LOG_LEVEL,
    labAdminIds: v.LAB_ADMIN_IDS,
    allowedTenantIds,
    maxBodyBytes: v.MAX_BODY_BYTES,
    seedDemo: v.SEED_DEMO,
    labChannelId: v.LAB_CHANNEL_ID,
    labSessionCapacityDays: v.LAB_SESSION_CAPACITY_DAYS,
    labSessionPriorityWeights: v.LAB_SESSION_PRIORITY_WEIGHTS,
    digestSchedule: {
      weekday: WEEKDAYS.indexOf(v.DIGEST_DAY) + 1,
      time: v.DIGEST_TIME,
      timeZone: 'Europe/Paris',
    },
    exportSigningKey: v.EXPORT_SIGNING_KEY ?? randomBytes(32).toString('base64url'),
    exportSigningKeyGenerated: v.EXPORT_SIGNING_KEY === undefined,
    publicUrl: v.PUBLIC_URL?.replace(/\/+$/, ''),
    dpoContact: v.DPO_CONTACT,
    graph,
  };
}

type Environment = z.infer<typeof environmentSchema>;

/**
 * The Graph app from GRAPH_*: its tenant and client id, and exactly one way to prove itself (a
 * secret, or a managed identity it trusts as a federated credential). Problems go to `problems`.
 */
function readGraphSettings(v: Environment, problems: string[]): GraphSettings | undefined {
  const proofs = [v.GRAPH_CLIENT_SECRET, v.GRAPH_MANAGED_IDENTITY_CLIENT_ID].filter(
    (value) => value !== undefined,
  ).length;
  if (v.GRAPH_CLIENT_ID === undefined) {
    for (const name of [
      'GRAPH_TENANT_ID',
      'GRAPH_TEAMS_APP_ID',
      'GRAPH_MEETING_ORGANISER',
      'GRAPH_MAIL_SENDER',
      'GRAPH_CLIENT_SECRET',
      'GRAPH_MANAGED_IDENTITY_CLIENT_ID',
    ] as const) {
      if (v[name] !== undefined) problems.push(`GRAPH_CLIENT_ID: required when ${name} is set`);
    }
    return undefined;
  }
  if (v.GRAPH_TENANT_ID === undefined) {
    problems.push('GRAPH_TENANT_ID: required with GRAPH_CLIENT_ID (the tenant of the Graph app)');
  }
  if (proofs !== 1) {
    problems.push(
      `GRAPH_CLIENT_SECRET: set it or GRAPH_MANAGED_IDENTITY_CLIENT_ID (exactly one) with GRAPH_CLIENT_ID`,
    );
  }
  if (v.GRAPH_TENANT_ID === undefined || proofs !== 1) return undefined;
  return {
    tenantId: v.GRAPH_TENANT_ID,
    clientId: v.GRAPH_CLIENT_ID,
    credential:
      v.GRAPH_CLIENT_SECRET !== undefined
        ? { kind: 'secret', clientSecret: v.GRAPH_CLIENT_SECRET }
        : {
            kind: 'managed-identity-federation',
            managedIdentityClientId: v.GRAPH_MANAGED_IDENTITY_CLIENT_ID!,
          },
    teamsAppCatalogueId: v.GRAPH_TEAMS_APP_ID,
    meetingOrganiser: v.GRAPH_MEETING_ORGANISER,
    ...(v.GRAPH_MAIL_SENDER === undefined ? {} : { mailSender: v.GRAPH_MAIL_SENDER.toLowerCase() }),
    baseUrl: v.GRAPH_BASE_URL,
  };
}

/**
 * The PostgreSQL-only settings make sense with DATABASE_URL only; an Entra token is a bearer
 * credential, so it is sent only to a server whose certificate and host name are verified, and
 * the URL then names the role and carries no password.
 */
function checkDatabaseSettings(v: Environment): string[] {
  const problems: string[] = [];
  if (v.DATABASE_URL === undefined) {
    for (const name of ['DATABASE_SCHEMA', 'DATABASE_MANAGED_IDENTITY_CLIENT_ID'] as const) {
      if (v[name] !== undefined) problems.push(`${name}: only used with DATABASE_URL`);
    }
    return problems;
  }
  if (v.DATABASE_MANAGED_IDENTITY_CLIENT_ID === undefined) return problems;
  let url: URL | undefined;
  try {
    url = new URL(v.DATABASE_URL);
  } catch {
    problems.push('DATABASE_URL: not a URL');
    return problems;
  }
  if (url.searchParams.get('sslmode') !== 'verify-full') {
    problems.push(
      'DATABASE_URL: add sslmode=verify-full: the Entra token is only sent to a verified server',
    );
  }
  if (url.password !== '') {
    problems.push(
      'DATABASE_URL: no password with DATABASE_MANAGED_IDENTITY_CLIENT_ID (the token is the password)',
    );
  }
  if (url.username === '') {
    problems.push('DATABASE_URL: name the PostgreSQL role of the managed identity (user@host)');
  }
  return problems;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
