import { userInfo } from 'node:os';

/**
 * The connection URL with the operating-system user filled in when it names none, as libpq
 * (psql) does; node-postgres only falls back to $PGUSER and $USER, which services and
 * containers often lack.
 */
export function resolvePostgresUrl(url: string): string {
  if (process.env.PGUSER !== undefined && process.env.PGUSER !== '') return url;
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.host === '') return url;
    parsed.username = userInfo().username;
    return parsed.toString();
  } catch {
    return url;
  }
}
