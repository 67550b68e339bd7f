import {
  ClientAssertionCredential,
  ClientSecretCredential,
  type TokenCredential,
} from '@azure/identity';
import type { Config } from '../../config';
import { createManagedIdentity, type ManagedIdentityFactory } from '../identity/managed-identity';

/**
 * The audience Microsoft Entra expects in a managed identity token presented as a federated
 * credential ("workload identity federation"); the app registration's federated credential names
 * the same audience.
 */
export const FEDERATION_TOKEN_SCOPE = 'api://AzureADTokenExchange/.default';

/**
 * The identity the bot uses for Microsoft Graph: the Graph app registration named in the
 * manifest's webApplicationInfo, to which a team owner grants the resource-specific consent when
 * installing the app. It proves itself with a client secret, or with the token of the bot's
 * managed identity that the app trusts as a federated credential (no secret anywhere).
 * Undefined without GRAPH_* settings: teams then get a thread in the General channel.
 */
export function createGraphCredential(
  config: Config,
  managedIdentity: ManagedIdentityFactory = createManagedIdentity,
): TokenCredential | undefined {
  const graph = config.graph;
  if (graph === undefined) return undefined;
  if (graph.credential.kind === 'secret') {
    return new ClientSecretCredential(
      graph.tenantId,
      graph.clientId,
      graph.credential.clientSecret,
    );
  }
  return new ClientAssertionCredential(
    graph.tenantId,
    graph.clientId,
    createFederatedAssertion(managedIdentity(graph.credential.managedIdentityClientId)),
  );
}

/**
 * The client assertion of a federated credential: a fresh managed identity token for the token
 * exchange audience. The identity library caches the token until shortly before it expires.
 */
export function createFederatedAssertion(identity: TokenCredential): () => Promise<string> {
  return async () => {
    const token = await identity.getToken(FEDERATION_TOKEN_SCOPE);
    if (token === null) throw new Error('The managed identity gave no token for the Graph app');
    return token.token;
  };
}
