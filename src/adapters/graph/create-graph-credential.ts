import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { Config } from '../../config';

/**
 * The identity the bot uses for Microsoft Graph. The resource-specific consent is granted to the
 * app named in the manifest's webApplicationInfo (the bot), so by default Graph is called as the
 * bot itself: its managed identity in Azure, or its client secret. GRAPH_* variables override it.
 * Undefined means no Graph: teams then get a thread in the General channel instead of a channel.
 */
export function createGraphCredential(config: Config): TokenCredential | undefined {
  if (config.graph !== undefined) {
    return new ClientSecretCredential(
      config.graph.tenantId,
      config.graph.clientId,
      config.graph.clientSecret,
    );
  }
  const bot = config.credentials;
  // Application tokens are issued by the tenant where the team lives, so it must be known.
  if (bot?.tenantId === undefined) return undefined;
  if (bot.appType === 'UserAssignedMsi')
    return new ManagedIdentityCredential({ clientId: bot.appId });
  if (bot.password !== undefined)
    return new ClientSecretCredential(bot.tenantId, bot.appId, bot.password);
  return undefined;
}
