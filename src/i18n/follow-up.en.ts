import type { followUpFr } from './follow-up.fr';

/** English messages of the monthly check-ins, the reviews and the follow-up calendar. */
export const followUpEn: Record<keyof typeof followUpFr, string> = {
  'followUp.kind.checkin.card': 'monthly check-in',
  'followUp.kind.checkin.reminder': 'check-in reminder',
  'followUp.kind.checkin.escalation': 'alert to facilitators',
  'followUp.kind.review.preparation': 'review preparation',
  'followUp.kind.review.reminder': 'review preparation reminder',
  'followUp.kind.review.outcome': 'review outcome',
  'followUp.kind.review.pack': 'review pack (Lab team)',
  'followUp.channel': '{team} channel',
};
