import type { CheckinView } from './checkin-view';
import type { CheckinWindow } from './get-checkin-window';

/** Where `now` stands in a check-in window: before it opens, open, or closed. */
export function toWindowState(window: CheckinWindow, now: Date): CheckinView['window'] {
  if (now.getTime() < window.opensAt.getTime()) return 'notOpen';
  return now.getTime() < window.closesAt.getTime() ? 'open' : 'closed';
}
