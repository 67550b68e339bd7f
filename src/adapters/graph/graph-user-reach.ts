import type { TokenCredential } from '@azure/identity';
import type { DirectoryEntry } from '../../core/ports/directory';
import type {
  PersonalChatOpener,
  PersonalChatOptions,
  PersonalChatOutcome,
} from '../../core/ports/personal-chat-opener';
import { GRAPH_BASE_URL } from './graph-channel-provisioner';
import {
  GraphRequestError,
  graphRequest,
  isTransientGraphFailure,
  realSleep,
  type Sleep,
} from './graph-request';

/**
 * The application permission each call of this adapter needs, the least privileged one Graph
 * documents ("Install app for user", "List apps installed for user", "Get chat between user and
 * app", "Get user"). TeamsAppInstallation.ReadWriteSelfForUser.All lets the app install, list and
 * read the chat of itself only, never of another app. "Get user" accepts no narrower application
 * permission than User.Read.All (User.ReadBasic.All is delegated-only there); the bot asks for
 * the id and display name only ($select).
 * docs/graph.md says how an administrator grants them.
 */
export const GRAPH_APP_PERMISSIONS = {
  installForUser: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
  listUserApps: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
  getInstallationChat: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
  getUser: 'User.Read.All',
} as const;

/**
 * Waits between reads of a fresh installation: Graph shows an installation and its chat a few
 * seconds after the install (eventual consistency). About 7.5 s in all, then the reason is given:
 * the notice is often queued during someone's turn, which Teams does not let last much longer.
 */
export const INSTALL_POLL_DELAYS_MS = [500, 1_000, 2_000, 4_000] as const;

/**
 * The same, when someone's turn waits (a quick try): 1.5 s in all, then the outbox finishes the
 * job (the installation is there: its next try gets 409 and reads the chat).
 */
export const QUICK_INSTALL_POLL_DELAYS_MS = [500, 1_000] as const;

/**
 * After Graph refuses an installation for want of a permission, the next ones are not tried for
 * this long: a bulk send to a thousand people then costs one refused call, not a thousand.
 */
export const REFUSAL_MEMORY_MS = 10 * 60 * 1000;

/** Finds a person of the organisation by e-mail address in Microsoft Entra. */
export interface EntraUserFinder {
  findUserByEmail(email: string): Promise<DirectoryEntry | undefined>;
}

/**
 * Reaching people through Microsoft Graph: resolves an e-mail address to an Entra id
 * (`GET /users/{upn}`), and installs the bot's Teams app for a user
 * (`POST /users/{id}/teamwork/installedApps`, 409: already installed), then reads the chat id of
 * that installation (`GET …/installedApps/{installation}/chat`), trying again while Graph does
 * not show it yet. 429 and 503 wait for Retry-After (graphRequest).
 */
export class GraphUserReach implements PersonalChatOpener, EntraUserFinder {
  private readonly baseUrl: string;
  private readonly sleep: Sleep;
  private readonly pollDelaysMs: readonly number[];
  private readonly now: () => number;
  /** The last refusal for want of a permission, remembered for REFUSAL_MEMORY_MS. */
  private refusal: { reason: string; at: number } | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly teamsAppCatalogueId: string,
    options: {
      baseUrl?: string;
      sleep?: Sleep;
      pollDelaysMs?: readonly number[];
      now?: () => number;
    } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep ?? realSleep;
    this.pollDelaysMs = options.pollDelaysMs ?? INSTALL_POLL_DELAYS_MS;
  }

  async findUserByEmail(email: string): Promise<DirectoryEntry | undefined> {
    const address = email.trim().toLowerCase();
    if (address === '' || !address.includes('@')) return undefined;
    try {
      const { body } = await graphRequest(
        this.credential,
        'GET',
        `${this.baseUrl}/users/${encodeURIComponent(address)}?$select=id,displayName`,
        { permission: GRAPH_APP_PERMISSIONS.getUser, sleep: this.sleep },
      );
      const user = body as { id?: unknown; displayName?: unknown };
      if (typeof user.id !== 'string') return undefined;
      return { aadId: user.id, name: typeof user.displayName === 'string' ? user.displayName : '' };
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  async openPersonalChat(
    userAadId: string,
    options: PersonalChatOptions = {},
  ): Promise<PersonalChatOutcome> {
    // A quick try waits for no Retry-After: a 429 or 503 is a passing failure at once.
    const tries = options.quick === true ? { maxTries: 1 } : {};
    const pollDelays = options.quick === true ? QUICK_INSTALL_POLL_DELAYS_MS : this.pollDelaysMs;
    if (this.refusal !== undefined && this.now() - this.refusal.at < REFUSAL_MEMORY_MS) {
      return { ok: false, reason: this.refusal.reason, code: 'permission' };
    }
    const user = `${this.baseUrl}/users/${encodeURIComponent(userAadId)}/teamwork/installedApps`;
    try {
      try {
        await graphRequest(this.credential, 'POST', user, {
          body: {
            // Graph wants its own canonical address here, whatever host the calls go to.
            'teamsApp@odata.bind': `${GRAPH_BASE_URL}/appCatalogs/teamsApps/${this.teamsAppCatalogueId}`,
          },
          permission: GRAPH_APP_PERMISSIONS.installForUser,
          sleep: this.sleep,
          ...tries,
        });
      } catch (error) {
        // 409: the app is already installed for the user, which is what we want.
        if (!(error instanceof GraphRequestError) || error.status !== 409) throw error;
      }
      for (let poll = 0; ; poll += 1) {
        const chatId = await this.readChatId(user, tries);
        if (chatId !== undefined) return { ok: true, chatId };
        const delay = pollDelays[poll];
        if (delay === undefined) {
          return {
            ok: false,
            reason: 'installed, but Graph did not show the chat in time',
            code: 'timeout',
            transient: true,
          };
        }
        await this.sleep(delay);
      }
    } catch (error) {
      if (!(error instanceof GraphRequestError)) throw error;
      if (error.status === 404) {
        return {
          ok: false,
          reason:
            'user not found in Microsoft Entra, or app not in the catalogue (GRAPH_TEAMS_APP_ID)',
          code: 'not-found',
        };
      }
      if (error.status === 403) {
        this.refusal = { reason: error.message, at: this.now() };
        return { ok: false, reason: error.message, code: 'permission' };
      }
      return {
        ok: false,
        reason: error.message,
        code: 'error',
        ...(isTransientGraphFailure(error) ? { transient: true } : {}),
      };
    }
  }

  /** The chat of the app's installation for the user, or undefined while Graph does not show it. */
  private async readChatId(
    userApps: string,
    tries: { maxTries?: number },
  ): Promise<string | undefined> {
    const filter = encodeURIComponent(`teamsApp/id eq '${this.teamsAppCatalogueId}'`);
    const { body } = await graphRequest(
      this.credential,
      'GET',
      `${userApps}?$expand=teamsApp&$filter=${filter}`,
      { permission: GRAPH_APP_PERMISSIONS.listUserApps, sleep: this.sleep, ...tries },
    );
    const installation = (body as { value?: { id?: unknown }[] }).value?.[0];
    if (typeof installation?.id !== 'string') return undefined;
    try {
      const { body: chat } = await graphRequest(
        this.credential,
        'GET',
        `${userApps}/${encodeURIComponent(installation.id)}/chat`,
        { permission: GRAPH_APP_PERMISSIONS.getInstallationChat, sleep: this.sleep, ...tries },
      );
      const id = (chat as { id?: unknown }).id;
      return typeof id === 'string' ? id : undefined;
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return undefined;
      throw error;
    }
  }
}
