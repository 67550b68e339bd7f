import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, type AppCredentials } from 'botframework-connector';
import type { BotCredentials } from '../../config';
import type { TokenProvider } from '../../delivery/connector-client';

/**
 * Bearer tokens for the Bot Connector, from the bot's own credentials (secret or managed
 * identity) through botbuilder's credential factory, which caches and refreshes them. Without
 * credentials (local runs against the Agents Playground) no token is sent.
 */
export function createConnectorTokenProvider(
  credentials: BotCredentials | undefined,
): TokenProvider {
  if (credentials === undefined) return { getToken: () => Promise.resolve(undefined) };
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.password,
    MicrosoftAppType:
      credentials.appType === 'UserAssignedMsi' ? 'UserAssignedMSI' : credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId,
  });
  // Single-tenant and managed-identity bots get their token from their own tenant.
  const loginUrl =
    credentials.appType === 'MultiTenant' || credentials.tenantId === undefined
      ? AuthenticationConstants.ToChannelFromBotLoginUrl
      : `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${credentials.tenantId}`;
  let appCredentials: Promise<AppCredentials> | undefined;
  return {
    getToken: async () => {
      appCredentials ??= factory.createCredentials(
        credentials.appId,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        loginUrl,
        true,
      ) as Promise<AppCredentials>;
      return (await appCredentials).getToken();
    },
  };
}
