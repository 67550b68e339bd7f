import type { confirmationFr } from './confirmation.fr';

/** English messages of the confirmation step before an irreversible action. */
export const confirmationEn: Record<keyof typeof confirmationFr, string> = {
  'confirmation.action.confirm': 'Confirm',
  'confirmation.action.cancel': 'Cancel',
  'confirmation.irreversible': 'This cannot be undone: "Cancel" changes nothing.',
};
