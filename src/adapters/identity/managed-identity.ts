import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

/** Builds the credential of a user-assigned managed identity; tests give one that answers without Azure. */
export type ManagedIdentityFactory = (clientId: string) => TokenCredential;

/** The real thing: tokens from the Azure host's identity endpoint, cached by the library. */
export const createManagedIdentity: ManagedIdentityFactory = (clientId) =>
  new ManagedIdentityCredential({ clientId });
