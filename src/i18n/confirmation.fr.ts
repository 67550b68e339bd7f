/** French messages of the confirmation step before an irreversible action. */
export const confirmationFr = {
  'confirmation.action.confirm': 'Confirmer',
  'confirmation.action.cancel': 'Annuler',
  'confirmation.irreversible': 'Cette action est définitive : « Annuler » ne change rien.',
} as const;
