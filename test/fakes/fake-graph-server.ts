import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Graph pages channel lists; a small page makes tests follow @odata.nextLink. */
const PAGE_SIZE = 2;

/**
 * The application permissions Graph accepts for each call, as its reference pages list them
 * ("List channels", "Create channel"): the resource-specific one first, then the tenant-wide ones.
 * Written from the documentation, not from the bot's code, so the two can disagree and a test fail.
 */
const ACCEPTED_PERMISSIONS = {
  listChannels: [
    'ChannelSettings.Read.Group',
    'ChannelSettings.ReadWrite.Group',
    'Channel.ReadBasic.All',
    'ChannelSettings.Read.All',
    'ChannelSettings.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
  ],
  createChannel: [
    'Channel.Create.Group',
    'Channel.Create',
    'Directory.ReadWrite.All',
    'Group.ReadWrite.All',
    'Teamwork.Migrate.All',
  ],
  listMembers: [
    'TeamMember.Read.Group',
    'TeamMember.Read.All',
    'TeamMember.ReadWrite.All',
    'TeamMember.ReadWriteNonOwnerRole.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  addMember: ['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'],
  // "List members of a channel", "Add member to channel", "Remove member from channel".
  listChannelMembers: [
    'ChannelMember.Read.Group',
    'ChannelMember.ReadWrite.Group',
    'ChannelMember.Read.All',
    'ChannelMember.ReadWrite.All',
  ],
  addChannelMember: ['ChannelMember.ReadWrite.Group', 'ChannelMember.ReadWrite.All'],
  removeChannelMember: ['ChannelMember.ReadWrite.Group', 'ChannelMember.ReadWrite.All'],
  getUser: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  installForUser: [
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
    'TeamsAppInstallation.ReadWriteSelectedForUser.All',
    'TeamsAppInstallation.ReadWriteForUser.All',
  ],
  listUserApps: [
    'TeamsAppInstallation.ReadSelfForUser.All',
    'TeamsAppInstallation.ReadForUser.All',
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
    'TeamsAppInstallation.ReadWriteSelectedForUser.All',
    'TeamsAppInstallation.ReadWriteForUser.All',
    'TeamsAppInstallation.Read.All',
  ],
  // "Create event", "Update event", "event: cancel": application access needs Calendars.ReadWrite.
  createEvent: ['Calendars.ReadWrite'],
  updateEvent: ['Calendars.ReadWrite'],
  cancelEvent: ['Calendars.ReadWrite'],
  getInstallationChat: [
    'TeamsAppInstallation.ReadForUser.All',
    'TeamsAppInstallation.Read.All',
    'TeamsAppInstallation.ReadWriteForUser.All',
    'TeamsAppInstallation.ReadWriteSelectedForUser.All',
    'TeamsAppInstallation.ReadWriteSelfForUser.All',
  ],
} as const;

/**
 * The application permission Graph accepts for `POST /users/{id}/sendMail` ("user: sendMail"):
 * Mail.Send alone. An application access policy in Exchange narrows it to some mailboxes
 * (`FakeGraphServer.mailboxesAllowed`).
 */
const SEND_MAIL_PERMISSIONS: readonly string[] = ['Mail.Send'];

/** An e-mail Graph accepted (202), as the request gave it. */
export interface FakeSentMail {
  /** The mailbox it was sent from (the `{id}` of the path, as given). */
  from: string;
  subject: string;
  contentType: string;
  content: string;
  to: string[];
  saveToSentItems: unknown;
}

/** A person of the fake directory (Graph's user resource, the properties the bot selects). */
export interface FakeUser {
  id: string;
  displayName: string;
  mail: string;
  userPrincipalName: string;
}

/** The app installed in a user's personal scope, with the chat Teams opened for it. */
interface FakeInstallation {
  id: string;
  chatId: string;
  /** Reads of the installation or its chat still answered as if it were not there yet. */
  hiddenReads: number;
}

/** An event of a user's calendar, as created through `POST /users/{id}/events`. */
export interface FakeEvent {
  id: string;
  /** The organiser's Entra id. */
  organiserId: string;
  transactionId: string | undefined;
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  attendees: { emailAddress: { address: string; name?: string }; type?: string }[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string | undefined;
  isCancelled: boolean;
  /** How many times it was changed through PATCH. */
  updates: number;
}

/** Graph knows a team by its group id, a GUID; a Teams thread id (19:…) is not found. */
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The resource-specific permissions the app package asks for (appPackage/manifest.json): what a
 * team owner grants by installing the app, so what the app's tokens carry by default here.
 */
export function manifestRscPermissions(): string[] {
  const manifest = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'appPackage', 'manifest.json'), 'utf8'),
  ) as {
    authorization?: { permissions?: { resourceSpecific?: { name: string; type: string }[] } };
  };
  return (manifest.authorization?.permissions?.resourceSpecific ?? [])
    .filter((permission) => permission.type === 'Application')
    .map((permission) => permission.name);
}

interface FakeChannel {
  id: string;
  displayName: string;
  description: string;
  membershipType: string;
}

/** A member of a private or shared channel. */
export interface FakeChannelMember {
  /** The membership id Graph removes them by. */
  id: string;
  userId: string;
  roles: string[];
}

/** A request the fake received, for assertions. */
export interface GraphCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | undefined;
  /** The status the fake answered. */
  status?: number;
}

/**
 * A fake Microsoft Graph on loopback for `/v1.0/teams/{id}/channels`: checks the bearer token and
 * the channel rules Graph enforces (name ≤ 50 characters, no forbidden characters, unique names
 * regardless of case → 409), pages lists, and fails on demand (429 with Retry-After, 503).
 */
export class FakeGraphServer {
  readonly calls: GraphCall[] = [];
  readonly teams = new Map<string, FakeChannel[]>();
  /** Statuses to answer to the next POSTs, in order, before behaving normally. */
  readonly failNextPosts: ScriptedFailure[] = [];
  /** Names whose creation always fails with this status. */
  readonly alwaysFail = new Map<string, number>();
  /** What the token carries: by default the consent the manifest asks for, as installation grants it. */
  readonly permissions: Set<string>;
  /** Statuses to answer to the next member additions, in order, before behaving normally. */
  readonly failNextMemberPosts: ScriptedFailure[] = [];
  /** Members of each private or shared channel, by channel id. */
  readonly channelMembers = new Map<string, FakeChannelMember[]>();
  /** Statuses to answer to the next channel member additions and removals, before behaving normally. */
  readonly failNextChannelMemberWrites: ScriptedFailure[] = [];
  /** Members of each team (Entra ids), by group id. */
  readonly teamMembers = new Map<string, string[]>();
  /** Accounts Graph refuses to add (disabled or blocked: 404). */
  readonly blockedUsers = new Set<string>();
  /** The tenant's people, by Entra id. */
  readonly users = new Map<string, FakeUser>();
  /** The apps of the organisation's catalogue (teamsApp ids) that can be installed. */
  readonly catalogue = new Set<string>();
  /** Installations in personal scope, by user id (one app: the bot's). */
  readonly installations = new Map<string, FakeInstallation>();
  /** Reads of a fresh installation that do not see it yet (eventual consistency). */
  installVisibleAfterReads = 2;
  /** Events of users' calendars, by id. */
  readonly events = new Map<string, FakeEvent>();
  /** Statuses to answer to the next calls under /users, in order, before behaving normally. */
  readonly failNextUserCalls: ScriptedFailure[] = [];
  /** E-mails accepted by `sendMail`, in order. */
  readonly sentMails: FakeSentMail[] = [];
  /** Statuses to answer to the next sendMail calls, in order, before behaving normally. */
  readonly failNextMails: { status: number; retryAfter?: number }[] = [];
  /**
   * The mailboxes an Exchange application access policy lets the app use (lower-case addresses);
   * undefined: no policy, every mailbox. Another mailbox is answered 403 ErrorAccessDenied.
   */
  mailboxesAllowed: Set<string> | undefined;
  /**
   * An outage on every endpoint, by the test's clock: 429 TooManyRequests until `throttledUntil`,
   * then 503 ServiceUnavailable until `unavailableUntil`, each with Retry-After `retryAfter`
   * seconds; paths matching `spare` answer as usual. Undefined: none.
   */
  outage:
    | {
        now: () => number;
        throttledUntil: number;
        unavailableUntil: number;
        retryAfter: number;
        spare?: RegExp;
      }
    | undefined;
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(
    readonly expectedToken: string,
    permissions: readonly string[] = manifestRscPermissions(),
  ) {
    this.permissions = new Set(permissions);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
  }

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a team (by group id) with a General channel, as Teams creates it. */
  addTeam(teamGroupId: string, channelNames: string[] = []): void {
    const channels = this.teams.get(teamGroupId) ?? [];
    this.teams.set(teamGroupId, [
      ...channels,
      ...(channels.length === 0 ? ['General', ...channelNames] : channelNames).map(
        (displayName) => ({
          id: `19:${randomUUID()}@thread.tacv2`,
          displayName,
          description: '',
          membershipType: 'standard',
        }),
      ),
    ]);
  }

  /** Adds a person to the tenant's directory. */
  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Member additions Graph accepted (201), for assertions: the user id of each. */
  memberAdditions(teamGroupId: string): string[] {
    return this.calls
      .filter(
        (call) =>
          call.method === 'POST' &&
          call.path === `/v1.0/teams/${teamGroupId}/members` &&
          call.status === 201,
      )
      .map((call) => {
        const bind = call.body?.['user@odata.bind'];
        return /users\('([^']+)'\)/.exec(typeof bind === 'string' ? bind : '')?.[1] ?? '';
      });
  }

  /** The channel of a team with this name. */
  channelNamed(teamGroupId: string, displayName: string): FakeChannel | undefined {
    return this.teams.get(teamGroupId)?.find((channel) => channel.displayName === displayName);
  }

  /** Additions to a channel Graph accepted (201): the user id of each. */
  channelMemberAdditions(channelId: string): string[] {
    const path = `/v1.0/teams/`;
    return this.calls
      .filter(
        (call) =>
          call.method === 'POST' &&
          call.path.startsWith(path) &&
          call.path.endsWith(`/channels/${encodeURIComponent(channelId)}/members`) &&
          call.status === 201,
      )
      .map((call) => {
        const bind = call.body?.['user@odata.bind'];
        return /users\('([^']+)'\)/.exec(typeof bind === 'string' ? bind : '')?.[1] ?? '';
      });
  }

  /** Removals from a channel Graph accepted (204): the membership id of each. */
  channelMemberRemovals(channelId: string): string[] {
    return this.calls
      .filter(
        (call) =>
          call.method === 'DELETE' &&
          call.path.includes(`/channels/${encodeURIComponent(channelId)}/members/`) &&
          call.status === 204,
      )
      .map((call) => decodeURIComponent(call.path.split('/').pop() ?? ''));
  }

  /** The user ids of a channel's members. */
  channelMemberIds(channelId: string): string[] {
    return (this.channelMembers.get(channelId) ?? []).map((member) => member.userId);
  }

  /** Requests to install the app for a user (those answered 409 too), for assertions. */
  installs(): GraphCall[] {
    return this.calls.filter(
      (call) => call.method === 'POST' && /\/teamwork\/installedApps$/.test(call.path),
    );
  }

  /** Events not cancelled, of every calendar. */
  liveEvents(): FakeEvent[] {
    return [...this.events.values()].filter((event) => !event.isCancelled);
  }

  posts(): GraphCall[] {
    return this.calls.filter((call) => call.method === 'POST');
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
      this.calls.push({
        method: req.method ?? '',
        path: url.pathname,
        authorization: req.headers.authorization,
        body,
      });
      this.route(req.method ?? '', url, body, res);
    });
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    res: http.ServerResponse,
  ): void {
    const reply = (
      status: number,
      payload: unknown,
      headers: Record<string, string> = {},
    ): void => {
      const call = this.calls[this.calls.length - 1];
      if (call !== undefined) call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const error = (
      status: number,
      code: string,
      message: string,
      headers?: Record<string, string>,
    ): void => reply(status, { error: { code, message } }, headers);

    const lastCall = this.calls[this.calls.length - 1];
    if (lastCall?.authorization !== `Bearer ${this.expectedToken}`) {
      error(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      return;
    }
    if (this.outage !== undefined && !(this.outage.spare?.test(url.pathname) ?? false)) {
      const { now, throttledUntil, unavailableUntil, retryAfter } = this.outage;
      const at = now();
      if (at < unavailableUntil) {
        const throttled = at < throttledUntil;
        error(
          throttled ? 429 : 503,
          throttled ? 'TooManyRequests' : 'ServiceUnavailable',
          throttled ? 'Too many requests, try later' : 'Service unavailable, try later',
          { 'retry-after': String(retryAfter) },
        );
        return;
      }
    }
    if (/^\/v1\.0\/users\/[^/]+\/sendMail$/.test(url.pathname)) {
      this.routeSendMail(method, url, body, reply, error);
      return;
    }
    if (url.pathname.startsWith('/v1.0/users/')) {
      this.routeUser(method, url, body, reply, error);
      return;
    }
    const channelMembers =
      /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/members(?:\/([^/]+))?$/.exec(url.pathname);
    if (channelMembers !== null) {
      this.routeChannelMembers(
        method,
        url,
        {
          teamId: decodeURIComponent(channelMembers[1]!),
          channelId: decodeURIComponent(channelMembers[2]!),
          membershipId:
            channelMembers[3] === undefined ? undefined : decodeURIComponent(channelMembers[3]),
        },
        body,
        reply,
        error,
      );
      return;
    }
    const members = /^\/v1\.0\/teams\/([^/]+)\/members$/.exec(url.pathname);
    if (members !== null) {
      this.routeMembers(method, url, decodeURIComponent(members[1]!), body, reply, error);
      return;
    }
    const match = /^\/v1\.0\/teams\/([^/]+)\/channels$/.exec(url.pathname);
    const teamId = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
    const channels =
      teamId === undefined || !GROUP_ID.test(teamId) ? undefined : this.teams.get(teamId);
    if (channels === undefined) {
      error(404, 'NotFound', `No team found with Group Id ${teamId ?? ''}`);
      return;
    }
    if (method !== 'GET' && method !== 'POST') {
      error(405, 'MethodNotAllowed', method);
      return;
    }
    const call = method === 'GET' ? 'listChannels' : 'createChannel';
    const accepted: readonly string[] = ACCEPTED_PERMISSIONS[call];
    if (!accepted.some((permission) => this.permissions.has(permission))) {
      error(
        403,
        'Forbidden',
        `Missing permission: the call needs one of ${accepted.join(', ')}; the token has ${[...this.permissions].join(', ') || 'none'}.`,
      );
      return;
    }
    if (method === 'GET') {
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const page = channels.slice(skip, skip + PAGE_SIZE);
      const next =
        skip + PAGE_SIZE < channels.length
          ? {
              '@odata.nextLink': `${this.baseUrl}/teams/${encodeURIComponent(teamId!)}/channels?$skiptoken=${skip + PAGE_SIZE}`,
            }
          : {};
      reply(200, { value: page.map(toGraph), ...next });
      return;
    }
    const failure = this.failNextPosts.shift();
    if (failure !== undefined) {
      answerScripted(failure, error);
      return;
    }
    const displayName = typeof body?.displayName === 'string' ? body.displayName : '';
    const forced = this.alwaysFail.get(displayName);
    if (forced !== undefined) {
      error(forced, forced === 403 ? 'Forbidden' : 'BadRequest', 'Refused on demand by the test');
      return;
    }
    if (
      displayName === '' ||
      [...displayName].length > 50 ||
      /[~#%&*{}+/\\:<>?|'",]/.test(displayName)
    ) {
      error(400, 'BadRequest', 'Invalid channel displayName');
      return;
    }
    if (channels.some((c) => c.displayName.toLowerCase() === displayName.toLowerCase())) {
      error(409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
      return;
    }
    const membershipType =
      typeof body?.membershipType === 'string' ? body.membershipType : 'standard';
    // Created by an app, a private or shared channel must name its owner ("Create channel").
    const owners = (Array.isArray(body?.members) ? (body.members as unknown[]) : [])
      .map((member) => member as Record<string, unknown>)
      .filter((member) => Array.isArray(member.roles) && member.roles.includes('owner'))
      .map((member) => userIdOf(member['user@odata.bind']))
      .filter((id): id is string => id !== undefined);
    if (membershipType !== 'standard' && owners.length === 0) {
      error(400, 'BadRequest', 'A private or shared channel created by an app needs an owner.');
      return;
    }
    const strangerOwner = owners.find((id) => this.blockedUsers.has(id));
    if (strangerOwner !== undefined) {
      error(404, 'NotFound', `User ${strangerOwner} was not found or is blocked.`);
      return;
    }
    const inTeam = new Set((this.teamMembers.get(teamId!) ?? []).map((id) => id.toLowerCase()));
    if (membershipType === 'private' && owners.some((id) => !inTeam.has(id.toLowerCase()))) {
      error(400, 'BadRequest', 'The owner of a private channel must be a member of its team.');
      return;
    }
    const created: FakeChannel = {
      id: `19:${randomUUID()}@thread.tacv2`,
      displayName,
      description: typeof body?.description === 'string' ? body.description : '',
      membershipType,
    };
    channels.push(created);
    if (membershipType !== 'standard') {
      this.channelMembers.set(
        created.id,
        owners.map((userId) => ({
          id: membershipIdOf(created.id, userId),
          userId,
          roles: ['owner'],
        })),
      );
    }
    reply(201, toGraph(created));
  }

  /**
   * `GET /teams/{id}/members` (paged) and `POST /teams/{id}/members` with an
   * aadUserConversationMember: 201 with the member, 409 when already a member, 404 for a blocked
   * account, 403 for an owner role without TeamMember.ReadWrite.All.
   */
  private routeMembers(
    method: string,
    url: URL,
    teamId: string,
    body: Record<string, unknown> | undefined,
    reply: (status: number, payload: unknown) => void,
    error: ErrorWriter,
  ): void {
    if (!GROUP_ID.test(teamId) || !this.teams.has(teamId)) {
      error(404, 'NotFound', `No team found with Group Id ${teamId}`);
      return;
    }
    if (method !== 'GET' && method !== 'POST') {
      error(405, 'MethodNotAllowed', method);
      return;
    }
    const call = method === 'GET' ? 'listMembers' : 'addMember';
    const accepted: readonly string[] = ACCEPTED_PERMISSIONS[call];
    if (!accepted.some((permission) => this.permissions.has(permission))) {
      error(403, 'Forbidden', `Missing permission: the call needs one of ${accepted.join(', ')}.`);
      return;
    }
    const failure = method === 'POST' ? this.failNextMemberPosts.shift() : undefined;
    if (failure !== undefined) {
      answerScripted(failure, error);
      return;
    }
    const members = this.teamMembers.get(teamId) ?? [];
    this.teamMembers.set(teamId, members);
    const toMember = (userId: string): Record<string, unknown> => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      id: Buffer.from(`${teamId}##${userId}`).toString('base64'),
      roles: [],
      userId,
      displayName: this.users.get(userId)?.displayName ?? userId,
    });
    if (method === 'GET') {
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const next =
        skip + PAGE_SIZE < members.length
          ? {
              '@odata.nextLink': `${this.baseUrl}/teams/${teamId}/members?$skiptoken=${skip + PAGE_SIZE}`,
            }
          : {};
      reply(200, { value: members.slice(skip, skip + PAGE_SIZE).map(toMember), ...next });
      return;
    }
    const bind = body?.['user@odata.bind'];
    const userId = /^https:\/\/graph\.microsoft\.com\/v1\.0\/users\('([^']+)'\)$/.exec(
      typeof bind === 'string' ? bind : '',
    )?.[1];
    if (body?.['@odata.type'] !== '#microsoft.graph.aadUserConversationMember' || !userId) {
      error(400, 'BadRequest', 'Expected an aadUserConversationMember with user@odata.bind');
      return;
    }
    const roles = Array.isArray(body.roles) ? body.roles : [];
    if (roles.includes('owner') && !this.permissions.has('TeamMember.ReadWrite.All')) {
      error(403, 'Forbidden', 'Adding an owner needs TeamMember.ReadWrite.All.');
      return;
    }
    if (this.blockedUsers.has(userId)) {
      error(404, 'NotFound', `User ${userId} is disabled or blocked.`);
      return;
    }
    if (members.some((id) => id.toLowerCase() === userId.toLowerCase())) {
      error(409, 'Conflict', 'The user is already a member of the team.');
      return;
    }
    members.push(userId);
    reply(201, toMember(userId));
  }

  /**
   * `GET /teams/{id}/channels/{id}/members` (paged; a conversationMember has its membership `id`,
   * `userId`, `roles` and `displayName`), `POST` of an aadUserConversationMember (201 with the
   * member; 409 Conflict when already a member; 404 NotFound for an account Graph does not know
   * or refuses, `blockedUsers`; 400 for a standard channel, which has no members of its own, or
   * for someone not in the team on a private channel) and `DELETE .../members/{membership-id}`
   * (204; 404 when not a member). The permission is checked first (403), then 429 or 503 with
   * Retry-After on demand (`failNextChannelMemberWrites`, for POST and DELETE).
   */
  private routeChannelMembers(
    method: string,
    url: URL,
    ids: { teamId: string; channelId: string; membershipId: string | undefined },
    body: Record<string, unknown> | undefined,
    reply: (status: number, payload: unknown) => void,
    error: ErrorWriter,
  ): void {
    const { teamId, channelId, membershipId } = ids;
    const channel = this.teams.get(teamId)?.find((c) => c.id === channelId);
    if (!GROUP_ID.test(teamId) || channel === undefined) {
      error(404, 'NotFound', `No channel ${channelId} in team ${teamId}`);
      return;
    }
    const call =
      method === 'GET' && membershipId === undefined
        ? 'listChannelMembers'
        : method === 'POST' && membershipId === undefined
          ? 'addChannelMember'
          : method === 'DELETE' && membershipId !== undefined
            ? 'removeChannelMember'
            : undefined;
    if (call === undefined) {
      error(405, 'MethodNotAllowed', method);
      return;
    }
    const accepted: readonly string[] = ACCEPTED_PERMISSIONS[call];
    if (!accepted.some((permission) => this.permissions.has(permission))) {
      error(403, 'Forbidden', `Missing permission: the call needs one of ${accepted.join(', ')}.`);
      return;
    }
    const failure = method === 'GET' ? undefined : this.failNextChannelMemberWrites.shift();
    if (failure !== undefined) {
      answerScripted(failure, error);
      return;
    }
    const members = this.channelMembers.get(channelId) ?? [];
    this.channelMembers.set(channelId, members);
    const toMember = (member: FakeChannelMember): Record<string, unknown> => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      id: member.id,
      roles: member.roles,
      userId: member.userId,
      displayName: this.users.get(member.userId)?.displayName ?? member.userId,
    });
    if (call === 'listChannelMembers') {
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const next =
        skip + PAGE_SIZE < members.length
          ? {
              '@odata.nextLink': `${this.baseUrl}/teams/${teamId}/channels/${encodeURIComponent(channelId)}/members?$skiptoken=${skip + PAGE_SIZE}`,
            }
          : {};
      reply(200, { value: members.slice(skip, skip + PAGE_SIZE).map(toMember), ...next });
      return;
    }
    if (call === 'removeChannelMember') {
      const at = members.findIndex((member) => member.id === membershipId);
      if (at < 0) {
        error(404, 'NotFound', 'No such member of the channel.');
        return;
      }
      members.splice(at, 1);
      reply(204, undefined);
      return;
    }
    if (channel.membershipType === 'standard') {
      error(400, 'BadRequest', 'Members can be added to private or shared channels only.');
      return;
    }
    const userId = userIdOf(body?.['user@odata.bind']);
    if (body?.['@odata.type'] !== '#microsoft.graph.aadUserConversationMember' || !userId) {
      error(400, 'BadRequest', 'Expected an aadUserConversationMember with user@odata.bind');
      return;
    }
    if (this.blockedUsers.has(userId)) {
      error(404, 'NotFound', `User ${userId} was not found or is blocked.`);
      return;
    }
    if (members.some((member) => member.userId.toLowerCase() === userId.toLowerCase())) {
      error(409, 'Conflict', 'The user is already a member of the channel.');
      return;
    }
    const inTeam = (this.teamMembers.get(teamId) ?? []).some(
      (id) => id.toLowerCase() === userId.toLowerCase(),
    );
    if (channel.membershipType === 'private' && !inTeam) {
      error(400, 'BadRequest', 'A private channel takes members of its team only.');
      return;
    }
    const member = { id: membershipIdOf(channelId, userId), userId, roles: [] };
    members.push(member);
    reply(201, toMember(member));
  }

  /**
   * `POST /users/{id | userPrincipalName}/sendMail` ("user: sendMail"): a `message` with a
   * subject, a body (`contentType` Text or HTML) and at least one `toRecipients` address; 202
   * Accepted with no body. Mail.Send is checked, then the application access policy
   * (`mailboxesAllowed`), then the mailbox (404 ErrorInvalidUser for an unknown one); 429 or 503
   * with Retry-After on demand (`failNextMails`).
   */
  private routeSendMail(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    reply: (status: number, payload: unknown) => void,
    error: ErrorWriter,
  ): void {
    if (method !== 'POST') {
      error(405, 'MethodNotAllowed', method);
      return;
    }
    if (!SEND_MAIL_PERMISSIONS.some((permission) => this.permissions.has(permission))) {
      error(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      return;
    }
    const mailbox = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    if (this.mailboxesAllowed !== undefined && !this.mailboxesAllowed.has(mailbox.toLowerCase())) {
      error(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
      return;
    }
    const failure = this.failNextMails.shift();
    if (failure !== undefined) {
      error(
        failure.status,
        failure.status === 429 ? 'ApplicationThrottled' : 'ServiceUnavailable',
        'try later',
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) },
      );
      return;
    }
    const known = [...this.users.values()].some(
      (u) =>
        u.id.toLowerCase() === mailbox.toLowerCase() ||
        u.userPrincipalName.toLowerCase() === mailbox.toLowerCase() ||
        u.mail.toLowerCase() === mailbox.toLowerCase(),
    );
    if (!known) {
      error(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
      return;
    }
    const message = body?.message as
      | {
          subject?: unknown;
          body?: { contentType?: unknown; content?: unknown };
          toRecipients?: { emailAddress?: { address?: unknown } }[];
        }
      | undefined;
    const to = (Array.isArray(message?.toRecipients) ? message.toRecipients : []).map(
      (recipient) => recipient.emailAddress?.address,
    );
    const contentType = message?.body?.contentType;
    if (
      typeof message?.subject !== 'string' ||
      typeof message.body?.content !== 'string' ||
      (contentType !== 'HTML' &&
        contentType !== 'Text' &&
        contentType !== 'html' &&
        contentType !== 'text') ||
      to.length === 0 ||
      !to.every((address) => typeof address === 'string' && /^[^@\s]+@[^@\s]+$/.test(address))
    ) {
      error(
        400,
        'ErrorInvalidRecipients',
        'Expected a message with a subject, a body and recipients.',
      );
      return;
    }
    this.sentMails.push({
      from: mailbox,
      subject: message.subject,
      contentType,
      content: message.body.content,
      to: to as string[],
      saveToSentItems: body?.saveToSentItems,
    });
    // Graph answers sendMail with 202 Accepted and no body.
    reply(202, undefined);
  }

  /**
   * `GET /users/{id | userPrincipalName}`, and the app in a user's personal scope:
   * `POST /users/{id}/teamwork/installedApps` (201, no body; 409 when installed),
   * `GET …/installedApps?$filter=teamsApp/id eq '…'` and `GET …/installedApps/{id}/chat`, which
   * see a fresh installation only after `installVisibleAfterReads` reads.
   */
  private routeUser(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    reply: (status: number, payload: unknown) => void,
    error: ErrorWriter,
  ): void {
    const parts = url.pathname.split('/').slice(3).map(decodeURIComponent);
    const [key, teamwork, installedApps, installationId, chat] = parts;
    if (teamwork === 'events') {
      this.routeEvents(method, parts, body, reply, error);
      return;
    }
    const call =
      parts.length === 1
        ? 'getUser'
        : teamwork === 'teamwork' && installedApps === 'installedApps' && parts.length === 3
          ? method === 'POST'
            ? 'installForUser'
            : 'listUserApps'
          : teamwork === 'teamwork' && installedApps === 'installedApps' && chat === 'chat'
            ? 'getInstallationChat'
            : undefined;
    if (call === undefined || (call === 'getUser' && method !== 'GET')) {
      error(400, 'BadRequest', `Unsupported request ${method} ${url.pathname}`);
      return;
    }
    const accepted: readonly string[] = ACCEPTED_PERMISSIONS[call];
    if (!accepted.some((permission) => this.permissions.has(permission))) {
      error(
        403,
        'Authorization_RequestDenied',
        `Insufficient privileges: the call needs one of ${accepted.join(', ')}.`,
      );
      return;
    }
    const failure = this.failNextUserCalls.shift();
    if (failure !== undefined) {
      answerScripted(failure, error);
      return;
    }
    const wanted = (key ?? '').toLowerCase();
    const user = [...this.users.values()].find(
      (u) => u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted,
    );
    if (user === undefined) {
      error(404, 'Request_ResourceNotFound', `Resource '${key ?? ''}' does not exist.`);
      return;
    }
    if (call === 'getUser') {
      // Graph returns the properties $select names (id and displayName by default here).
      const selected = (url.searchParams.get('$select') ?? 'id,displayName').split(',');
      const properties: Record<string, string> = { ...user };
      reply(
        200,
        Object.fromEntries(
          selected.filter((name) => name in properties).map((name) => [name, properties[name]]),
        ),
      );
      return;
    }
    const installation = this.installations.get(user.id);
    if (call === 'installForUser') {
      const bind =
        typeof body?.['teamsApp@odata.bind'] === 'string' ? body['teamsApp@odata.bind'] : '';
      const appId =
        /^https:\/\/graph\.microsoft\.com\/v1\.0\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1];
      if (appId === undefined || !this.catalogue.has(appId)) {
        error(404, 'NotFound', `No teamsApp ${bind} in the catalogue`);
        return;
      }
      if (installation !== undefined) {
        error(409, 'Conflict', 'App is already installed.');
        return;
      }
      this.installations.set(user.id, {
        id: Buffer.from(`${user.id}##${appId}`).toString('base64'),
        chatId: `19:${user.id}_${randomUUID()}@unq.gbl.spaces`,
        hiddenReads: this.installVisibleAfterReads,
      });
      // Graph answers an installation with 201 Created and no body.
      reply(201, undefined);
      return;
    }
    const visible = installation !== undefined && installation.hiddenReads <= 0;
    if (installation !== undefined && !visible) installation.hiddenReads -= 1;
    if (call === 'listUserApps') {
      reply(200, { value: visible ? [{ id: installation.id }] : [] });
      return;
    }
    if (!visible || installation.id !== installationId) {
      error(404, 'NotFound', 'Installation not found');
      return;
    }
    reply(200, { id: installation.chatId, chatType: 'oneOnOne' });
  }

  /**
   * A user's calendar: `POST /users/{id}/events` (201 with the event and its Teams meeting; the
   * same `transactionId` again returns the first event), `PATCH /users/{id}/events/{event}` (200)
   * and `POST /users/{id}/events/{event}/cancel` (202, no body). An unknown mailbox or event is 404.
   */
  private routeEvents(
    method: string,
    parts: string[],
    body: Record<string, unknown> | undefined,
    reply: (status: number, payload: unknown) => void,
    error: ErrorWriter,
  ): void {
    const [key, , eventId, action] = parts;
    const call =
      parts.length === 2 && method === 'POST'
        ? 'createEvent'
        : parts.length === 3 && method === 'PATCH'
          ? 'updateEvent'
          : parts.length === 4 && action === 'cancel' && method === 'POST'
            ? 'cancelEvent'
            : undefined;
    if (call === undefined) {
      error(400, 'BadRequest', `Unsupported request ${method} /users/${parts.join('/')}`);
      return;
    }
    const accepted: readonly string[] = ACCEPTED_PERMISSIONS[call];
    if (!accepted.some((permission) => this.permissions.has(permission))) {
      error(403, 'ErrorAccessDenied', `Access is denied: the call needs ${accepted.join(', ')}.`);
      return;
    }
    const failure = this.failNextUserCalls.shift();
    if (failure !== undefined) {
      answerScripted(failure, error);
      return;
    }
    const wanted = (key ?? '').toLowerCase();
    const organiser = [...this.users.values()].find(
      (u) => u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted,
    );
    if (organiser === undefined) {
      error(404, 'ErrorInvalidUser', `The requested user '${key ?? ''}' is invalid.`);
      return;
    }
    const toEvent = (event: FakeEvent): Record<string, unknown> => ({
      id: event.id,
      iCalUId: `040000008200E00074C5B7101A82E008${event.id.slice(-16)}`,
      subject: event.subject,
      start: event.start,
      end: event.end,
      attendees: event.attendees,
      isCancelled: event.isCancelled,
      isOnlineMeeting: event.isOnlineMeeting,
      onlineMeetingProvider: event.onlineMeetingProvider ?? 'unknown',
      onlineMeeting: event.isOnlineMeeting
        ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${event.id}` }
        : null,
      webLink: `https://outlook.office365.com/owa/?itemid=${event.id}`,
    });
    if (call === 'createEvent') {
      const problem = checkEventBody(body, true);
      if (problem !== undefined) {
        error(400, 'ErrorInvalidRequest', problem);
        return;
      }
      const transactionId =
        typeof body!.transactionId === 'string' ? body!.transactionId : undefined;
      const same =
        transactionId === undefined
          ? undefined
          : [...this.events.values()].find(
              (e) => e.organiserId === organiser.id && e.transactionId === transactionId,
            );
      if (same !== undefined) {
        reply(201, toEvent(same));
        return;
      }
      const event: FakeEvent = {
        id: `AAMkAG${randomUUID().replace(/-/g, '')}`,
        organiserId: organiser.id,
        transactionId,
        subject: body!.subject as string,
        start: body!.start as FakeEvent['start'],
        end: body!.end as FakeEvent['end'],
        attendees: (body!.attendees ?? []) as FakeEvent['attendees'],
        isOnlineMeeting: body!.isOnlineMeeting === true,
        onlineMeetingProvider:
          typeof body!.onlineMeetingProvider === 'string' ? body!.onlineMeetingProvider : undefined,
        isCancelled: false,
        updates: 0,
      };
      this.events.set(event.id, event);
      reply(201, toEvent(event));
      return;
    }
    const event = this.events.get(eventId ?? '');
    if (event === undefined || event.organiserId !== organiser.id || event.isCancelled) {
      error(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      return;
    }
    if (call === 'cancelEvent') {
      event.isCancelled = true;
      reply(202, undefined);
      return;
    }
    const problem = checkEventBody(body, false);
    if (problem !== undefined) {
      error(400, 'ErrorInvalidRequest', problem);
      return;
    }
    for (const field of ['subject', 'start', 'end', 'attendees'] as const) {
      if (body?.[field] !== undefined)
        (event as unknown as Record<string, unknown>)[field] = body[field];
    }
    event.updates += 1;
    reply(200, toEvent(event));
  }
}

/** What Graph refuses in an event: a missing subject or time, a time without zone, an attendee without address. */
function checkEventBody(
  body: Record<string, unknown> | undefined,
  creating: boolean,
): string | undefined {
  if (body === undefined) return 'Empty body';
  if (creating && typeof body.subject !== 'string') return 'subject is required';
  for (const field of ['start', 'end'] as const) {
    const value = body[field] as { dateTime?: unknown; timeZone?: unknown } | undefined;
    if (value === undefined && !creating) continue;
    if (
      typeof value?.dateTime !== 'string' ||
      Number.isNaN(Date.parse(`${value.dateTime}Z`)) ||
      typeof value.timeZone !== 'string'
    ) {
      return `${field} needs a dateTime and a timeZone`;
    }
  }
  if (body.attendees !== undefined) {
    if (!Array.isArray(body.attendees)) return 'attendees must be a list';
    for (const attendee of body.attendees as { emailAddress?: { address?: unknown } }[]) {
      if (
        typeof attendee.emailAddress?.address !== 'string' ||
        !attendee.emailAddress.address.includes('@')
      ) {
        return 'each attendee needs an emailAddress.address';
      }
    }
  }
  if (
    body.isOnlineMeeting === true &&
    body.onlineMeetingProvider !== undefined &&
    !['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'].some(
      (provider) => provider === body.onlineMeetingProvider,
    )
  ) {
    return 'unknown onlineMeetingProvider';
  }
  return undefined;
}

function toGraph(channel: FakeChannel): Record<string, string> {
  return {
    id: channel.id,
    displayName: channel.displayName,
    description: channel.description,
    membershipType: channel.membershipType,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.id)}`,
  };
}

/** The user id of a `user@odata.bind` to Graph's canonical address, as Graph reads it. */
function userIdOf(bind: unknown): string | undefined {
  return /^https:\/\/graph\.microsoft\.com\/v1\.0\/users\('([^']+)'\)$/.exec(
    typeof bind === 'string' ? bind : '',
  )?.[1];
}

/** A channel membership id, opaque as Graph's. */
function membershipIdOf(channelId: string, userId: string): string {
  return Buffer.from(`${channelId}##${userId}`).toString('base64');
}

/** A refusal a test scripts: 429 or 503, with Retry-After in seconds when given. */
export interface ScriptedFailure {
  status: number;
  retryAfter?: number;
}

/** Writes a Graph error answer: status, code, message and extra headers. */
type ErrorWriter = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
) => void;

/** A scripted refusal as Graph words it: TooManyRequests or ServiceUnavailable, "try later". */
function answerScripted(failure: ScriptedFailure, error: ErrorWriter): void {
  error(
    failure.status,
    failure.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
    'try later',
    failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) },
  );
}
