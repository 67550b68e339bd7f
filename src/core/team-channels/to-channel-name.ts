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

/**
 * A name no existing channel has: the wanted one, else with " (2)", " (3)"… (cut so it stays
 * within Teams' 50 characters), for a team named like a channel that is not the programme's.
 */
export function toFreeChannelName(wanted: string, taken: readonly string[]): string {
  const isTaken = (name: string): boolean => taken.some((other) => isSameChannelName(other, name));
  if (!isTaken(wanted)) return wanted;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const base = [...wanted]
      .slice(0, MAX_CHANNEL_NAME_LENGTH - suffix.length)
      .join('')
      .trimEnd();
    if (!isTaken(base + suffix)) return base + suffix;
  }
}
