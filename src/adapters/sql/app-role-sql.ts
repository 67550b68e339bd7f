/** Who gets the bot's PostgreSQL role: its name, the managed identity, and the bot's database. */
export interface AppRoleInput {
  /** The PostgreSQL role name, used as the user name in DATABASE_URL. */
  role: string;
  /** The managed identity's object (principal) id in Microsoft Entra. */
  objectId: string;
  database: string;
}

/** The statements, apart so that the grants can be checked on a server without Entra. */
export interface AppRoleSql {
  /** Maps the role to the managed identity (Azure's pgaadauth extension). */
  createRole: string;
  /** The least the bot needs: connect to its database and create its own schema there. */
  grants: string[];
}

/** Role and database names that need no escaping anywhere (a hyphen is fine inside quotes). */
const NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SQL a Microsoft Entra administrator of the server runs once so that the bot's managed
 * identity logs in as a role of its own: not an administrator, not allowed to create roles or
 * databases, and allowed on its database only to connect and to create the schema it then owns
 * (DATABASE_SCHEMA; the bot creates it at first start and runs its migrations there). Throws on a
 * name or id that is not plainly one, so nothing can be slipped into the statements.
 */
export function toAppRoleSql(input: AppRoleInput): AppRoleSql {
  if (!NAME.test(input.role)) throw new Error(`Invalid role name "${input.role}"`);
  if (!NAME.test(input.database)) throw new Error(`Invalid database name "${input.database}"`);
  if (!GUID.test(input.objectId)) throw new Error(`Invalid object id "${input.objectId}"`);
  const objectId = input.objectId.toLowerCase();
  return {
    // Arguments: role, Entra object id, principal type, is admin, requires MFA (a service cannot).
    createRole: `SELECT * FROM pgaadauth_create_principal_with_oid('${input.role}', '${objectId}', 'service', false, false);`,
    grants: [`GRANT CONNECT, CREATE ON DATABASE "${input.database}" TO "${input.role}";`],
  };
}
