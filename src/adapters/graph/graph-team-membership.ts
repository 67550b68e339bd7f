import type { TokenCredential } from '@azure/identity';
import { TeamMembershipError, type TeamMembership } from '../../core/ports/team-membership';
import { GRAPH_BASE_URL } from './graph-channel-provisioner';
import {
  GraphRequestError,
  graphRequest,
  isTransientGraphFailure,
  type Sleep,
} from './graph-request';

/**
 * The application permission each call needs, the least privileged one Graph documents ("List
 * members of team", "Add member to team"). TeamMember.ReadWriteNonOwnerRole.All adds and lists
 * members but can make nobody an owner; no resource-specific consent lets an app add members.
 */
export const GRAPH_MEMBERSHIP_PERMISSIONS = {
  listMembers: 'TeamMember.ReadWriteNonOwnerRole.All',
  addMember: 'TeamMember.ReadWriteNonOwnerRole.All',
} as const;

interface GraphMember {
  userId?: string;
}

/**
 * Team membership through Microsoft Graph: `GET /teams/{id}/members` (paged) and
 * `POST /teams/{id}/members` with an aadUserConversationMember without roles (a plain member;
 * Teams gives a guest account the guest role itself). 429 and 503 wait for Retry-After.
 */
export class GraphTeamMembership implements TeamMembership {
  private readonly baseUrl: string;

  private readonly sleep: Sleep | undefined;

  constructor(
    private readonly credential: TokenCredential,
    options: { baseUrl?: string; sleep?: Sleep } = {},
  ) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep;
  }

  async listMemberIds(teamGroupId: string): Promise<string[]> {
    const ids: string[] = [];
    let url: string | undefined =
      `${this.baseUrl}/teams/${encodeURIComponent(teamGroupId)}/members`;
    while (url !== undefined) {
      let body: unknown;
      try {
        ({ body } = await this.call('listMembers', 'GET', url));
      } catch (error) {
        // A team Graph does not know is the programme's setting, not anyone's account.
        throw toMembershipError(error, GRAPH_MEMBERSHIP_PERMISSIONS.listMembers, 'error');
      }
      const page = body as { value?: GraphMember[]; '@odata.nextLink'?: string };
      for (const member of page.value ?? []) {
        if (typeof member.userId === 'string') ids.push(member.userId);
      }
      const next = page['@odata.nextLink'];
      // The token only ever goes to the Graph host we were configured with.
      url = next !== undefined && next.startsWith(this.baseUrl) ? next : undefined;
    }
    return ids;
  }

  async addMember(teamGroupId: string, userAadId: string): Promise<void> {
    try {
      await this.call(
        'addMember',
        'POST',
        `${this.baseUrl}/teams/${encodeURIComponent(teamGroupId)}/members`,
        {
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          roles: [],
          // Graph wants its own canonical address here, whatever host the calls go to.
          'user@odata.bind': `${GRAPH_BASE_URL}/users('${userAadId}')`,
        },
      );
    } catch (error) {
      // Already a member: what we wanted.
      if (error instanceof GraphRequestError && error.status === 409) return;
      // Graph answers 404 for an unknown, disabled or blocked account.
      throw toMembershipError(error, GRAPH_MEMBERSHIP_PERMISSIONS.addMember, 'not-found');
    }
  }

  private async call(
    call: keyof typeof GRAPH_MEMBERSHIP_PERMISSIONS,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
  ): Promise<{ body: unknown }> {
    return graphRequest(this.credential, method, url, {
      permission: GRAPH_MEMBERSHIP_PERMISSIONS[call],
      ...(body === undefined ? {} : { body }),
      ...(this.sleep === undefined ? {} : { sleep: this.sleep }),
    });
  }
}

/**
 * Graph's refusal of a membership call in the port's terms: 403 is the permission (named),
 * 404 an unknown account or the bot's own record (`on404`), throttling and unavailability a
 * passing failure worth trying again later. Anything but a Graph answer goes as it is.
 */
export function toMembershipError(
  error: unknown,
  permission: string,
  on404: 'not-found' | 'error',
): unknown {
  if (!(error instanceof GraphRequestError)) return error;
  if (error.status === 403) {
    return new TeamMembershipError(error.message, 'permission', permission);
  }
  return new TeamMembershipError(
    error.message,
    error.status === 404 ? on404 : 'error',
    undefined,
    isTransientGraphFailure(error),
  );
}
