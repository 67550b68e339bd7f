import type { Config } from '../../config';
import { createManagedIdentity, type ManagedIdentityFactory } from '../identity/managed-identity';
import { createEntraTokenPassword } from './create-entra-token-password';
import type { OpenDatabaseOptions } from './open-database';

/**
 * Where and how the bot opens its database, from the configuration: SQLite, or PostgreSQL in
 * the configured schema, logging in with a Microsoft Entra token of the managed identity when
 * DATABASE_MANAGED_IDENTITY_CLIENT_ID is set (the bot and the command line share this).
 */
export function toDatabaseOptions(
  config: Config,
  managedIdentity: ManagedIdentityFactory = createManagedIdentity,
): OpenDatabaseOptions {
  const identity = config.databaseTokenIdentity;
  return {
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
    ...(identity === undefined
      ? {}
      : {
          password: createEntraTokenPassword(managedIdentity(identity.managedIdentityClientId)),
        }),
  };
}
