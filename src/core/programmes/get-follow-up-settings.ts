import type { Programme } from './programme';
import { DEFAULT_FOLLOW_UP, type FollowUpSettings } from './follow-up-settings';

/** The programme's check-in rules, with the defaults for a programme that sets none. */
export function getFollowUpSettings(programme: Programme): FollowUpSettings {
  return { ...DEFAULT_FOLLOW_UP, ...programme.followUp };
}
