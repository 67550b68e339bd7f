import type { TokenCredential } from '@azure/identity';
import {
  ChannelProvisioningError,
  type ChannelKind,
  type ChannelProvisioner,
  type TeamChannel,
} from '../../core/ports/channel-provisioner';

/** Microsoft Graph v1.0; tests point this at a fake Graph on loopback. */
export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
/** Application permission scope for client-credential tokens (the RSC grants decide what is allowed). */
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Graph answers channel calls in well under a second; 30 s catches a hung connection. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The resource-specific permission each Graph call of this adapter needs, the least privileged
 * one Graph documents for application access ("List channels", "Create channel"). The manifest
 * asks for exactly these (a unit test checks it), and a team owner grants them on installation.
 */
export const GRAPH_RSC_PERMISSIONS = {
  listChannels: 'ChannelSettings.Read.Group',
  createChannel: 'Channel.Create.Group',
  /**
   * List, add and remove the members of a private or shared channel (graph-channel-membership.ts);
   * it covers listing too, for which ChannelMember.Read.Group alone would do.
   */
  channelMembers: 'ChannelMember.ReadWrite.Group',
} as const;

type GraphCall = 'listChannels' | 'createChannel';

interface GraphChannel {
  id: string;
  displayName: string;
  webUrl?: string;
  membershipType?: string;
}

/**
 * Channel creation through Microsoft Graph (`GET`/`POST /teams/{group-id}/channels`), allowed by
 * the resource-specific consent (GRAPH_RSC_PERMISSIONS) granted when the app is installed in the
 * team. A 403 names the permission that call needs, so the organiser can be told what is missing.
 * Two calls only, so a thin fetch adapter rather than the full Graph SDK.
 */
export class GraphChannelProvisioner implements ChannelProvisioner {
  private readonly baseUrl: string;

  constructor(
    private readonly credential: TokenCredential,
    baseUrl: string = GRAPH_BASE_URL,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async listChannels(teamGroupId: string): Promise<TeamChannel[]> {
    const channels: TeamChannel[] = [];
    let url: string | undefined =
      `${this.baseUrl}/teams/${encodeURIComponent(teamGroupId)}/channels`;
    while (url !== undefined) {
      const page = (await this.request('listChannels', 'GET', url)) as {
        value?: GraphChannel[];
        '@odata.nextLink'?: string;
      };
      channels.push(...(page.value ?? []).map(toTeamChannel));
      const next = page['@odata.nextLink'];
      // The token only ever goes to the Graph host we were configured with.
      url = next !== undefined && next.startsWith(this.baseUrl) ? next : undefined;
    }
    return channels;
  }

  async createChannel(
    teamGroupId: string,
    displayName: string,
    description: string,
    kind?: ChannelKind,
  ): Promise<TeamChannel> {
    const body =
      kind === undefined
        ? { displayName, description, membershipType: 'standard' }
        : {
            displayName,
            description,
            membershipType: kind.membershipType,
            // Created by an app, a private or shared channel needs an owner named at once.
            members: [
              {
                '@odata.type': '#microsoft.graph.aadUserConversationMember',
                'user@odata.bind': `${GRAPH_BASE_URL}/users('${kind.ownerAadId}')`,
                roles: ['owner'],
              },
            ],
          };
    const created = (await this.request(
      'createChannel',
      'POST',
      `${this.baseUrl}/teams/${encodeURIComponent(teamGroupId)}/channels`,
      body,
    )) as GraphChannel;
    return toTeamChannel(created);
  }

  private async request(
    call: GraphCall,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
  ): Promise<unknown> {
    const token = await this.credential.getToken(GRAPH_SCOPE);
    if (token === null) throw new ChannelProvisioningError('No Graph access token', false);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ChannelProvisioningError(`Graph unreachable: ${String(error)}`, true);
    }
    if (response.ok) return await response.json();
    const detail = await readGraphError(response);
    const retryAfter = Number(response.headers.get('retry-after'));
    const status = response.status;
    const permission = GRAPH_RSC_PERMISSIONS[call];
    const hint =
      status === 403 ? ` (is the app installed in the team with the ${permission} consent?)` : '';
    throw new ChannelProvisioningError(
      `Graph ${method} channels answered ${status}: ${detail}${hint}`,
      status === 429 || status >= 500,
      status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      status === 403 ? permission : undefined,
    );
  }
}

function toTeamChannel(channel: GraphChannel): TeamChannel {
  const result: TeamChannel = { id: channel.id, displayName: channel.displayName };
  if (channel.webUrl !== undefined) result.webUrl = channel.webUrl;
  if (channel.membershipType !== undefined) result.membershipType = channel.membershipType;
  return result;
}

async function readGraphError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return (
      [body.error?.code, body.error?.message].filter(Boolean).join(': ') || response.statusText
    );
  } catch {
    return response.statusText;
  }
}
