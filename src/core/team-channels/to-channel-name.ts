/** Teams limits a channel name to 50 characters (Graph `displayName`). */
export const MAX_CHANNEL_NAME_LENGTH = 50;

// Characters Teams refuses in channel names, from the Graph channel resource documentation.
const FORBIDDEN = /[~#%&*{}+/\\:<>?|'",]/g;

/**
 * The channel name of a team, e.g. "Équipe 3 · Inclusion et diversité", cleaned of the
 * characters Teams refuses and cut to 50 characters without a trailing space or dot.
 */
export function toChannelName(teamNumber: number, theme: string | undefined): string {
  const base = `Équipe ${teamNumber}`;
  const cleanTheme = (theme ?? '')
    .replace(FORBIDDEN, ' ')
    .replace(/\.\.+/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
  const full = cleanTheme === '' ? base : `${base} · ${cleanTheme}`;
  const cut = [...full].slice(0, MAX_CHANNEL_NAME_LENGTH).join('');
  return cut.replace(/[\s.·]+$/u, '');
}

/** Teams compares channel names without regard to case. */
export function isSameChannelName(a: string, b: string): boolean {
  return a.localeCompare(b, 'fr', { sensitivity: 'accent' }) === 0;
}
