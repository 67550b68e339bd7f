import type { TokenCredential } from '@azure/identity';
import type { ChannelMember, ChannelMembership } from '../../core/ports/channel-membership';
import { toMembershipError } from './graph-team-membership';
import { GRAPH_BASE_URL, GRAPH_RSC_PERMISSIONS } from './graph-channel-provisioner';
import { GraphRequestError, graphRequest, type Sleep } from './graph-request';

/**
 * The permission each call needs: the resource-specific one Graph documents as least privileged
 * for an app ("List members of a channel", "Add member to channel", "Remove member from
 * channel"), which a team owner grants when adding the app to the programme's team (the manifest
 * asks for it). ChannelMember.ReadWrite.Group covers the list too, so the app asks for one only.
 */
export const GRAPH_CHANNEL_MEMBER_PERMISSIONS = {
  listChannelMembers: GRAPH_RSC_PERMISSIONS.channelMembers,
  addChannelMember: GRAPH_RSC_PERMISSIONS.channelMembers,
  removeChannelMember: GRAPH_RSC_PERMISSIONS.channelMembers,
} as const;

type Call = keyof typeof GRAPH_CHANNEL_MEMBER_PERMISSIONS;

interface GraphChannelMember {
  id?: string;
  userId?: string;
  roles?: unknown;
}

/**
 * Members of a private or shared channel through Microsoft Graph:
 * `GET /teams/{id}/channels/{id}/members` (paged), `POST` of an aadUserConversationMember without
 * roles, and `DELETE .../members/{membership-id}`. 429 and 503 wait for Retry-After.
 */
export class GraphChannelMembership implements ChannelMembership {
  private readonly baseUrl: string;

  private readonly sleep: Sleep | undefined;

  constructor(
    private readonly credential: TokenCredential,
    options: { baseUrl?: string; sleep?: Sleep } = {},
  ) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep;
  }

  async listMembers(teamGroupId: string, channelId: string): Promise<ChannelMember[]> {
    const members: ChannelMember[] = [];
    let url: string | undefined = this.membersUrl(teamGroupId, channelId);
    while (url !== undefined) {
      let body: unknown;
      try {
        ({ body } = await this.call('listChannelMembers', 'GET', url));
      } catch (error) {
        // A channel Graph does not know is the bot's record, not anyone's account.
        throw toMembershipError(
          error,
          GRAPH_CHANNEL_MEMBER_PERMISSIONS.listChannelMembers,
          'error',
        );
      }
      const page = body as { value?: GraphChannelMember[]; '@odata.nextLink'?: string };
      for (const member of page.value ?? []) {
        if (typeof member.userId !== 'string' || typeof member.id !== 'string') continue;
        members.push({
          membershipId: member.id,
          userId: member.userId,
          roles: Array.isArray(member.roles)
            ? member.roles.filter((r): r is string => typeof r === 'string')
            : [],
        });
      }
      const next = page['@odata.nextLink'];
      // The token only ever goes to the Graph host we were configured with.
      url = next !== undefined && next.startsWith(this.baseUrl) ? next : undefined;
    }
    return members;
  }

  async addMember(teamGroupId: string, channelId: string, userAadId: string): Promise<void> {
    try {
      await this.call('addChannelMember', 'POST', this.membersUrl(teamGroupId, channelId), {
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        roles: [],
        // Graph wants its own canonical address here, whatever host the calls go to.
        'user@odata.bind': `${GRAPH_BASE_URL}/users('${userAadId}')`,
      });
    } catch (error) {
      // Already a member: what we wanted.
      if (error instanceof GraphRequestError && error.status === 409) return;
      // Graph answers 404 for an account it does not know (not in the tenant, disabled).
      throw toMembershipError(
        error,
        GRAPH_CHANNEL_MEMBER_PERMISSIONS.addChannelMember,
        'not-found',
      );
    }
  }

  async removeMember(teamGroupId: string, channelId: string, membershipId: string): Promise<void> {
    try {
      await this.call(
        'removeChannelMember',
        'DELETE',
        `${this.membersUrl(teamGroupId, channelId)}/${encodeURIComponent(membershipId)}`,
      );
    } catch (error) {
      // Gone already: what we wanted.
      if (error instanceof GraphRequestError && error.status === 404) return;
      throw toMembershipError(error, GRAPH_CHANNEL_MEMBER_PERMISSIONS.removeChannelMember, 'error');
    }
  }

  private membersUrl(teamGroupId: string, channelId: string): string {
    return `${this.baseUrl}/teams/${encodeURIComponent(teamGroupId)}/channels/${encodeURIComponent(channelId)}/members`;
  }

  private async call(
    call: Call,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: object,
  ): Promise<{ body: unknown }> {
    return graphRequest(this.credential, method, url, {
      permission: GRAPH_CHANNEL_MEMBER_PERMISSIONS[call],
      ...(body === undefined ? {} : { body }),
      ...(this.sleep === undefined ? {} : { sleep: this.sleep }),
    });
  }
}
