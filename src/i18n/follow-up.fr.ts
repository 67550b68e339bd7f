/** French messages of the monthly check-ins, the reviews and the follow-up calendar. */
export const followUpFr = {
  'followUp.kind.checkin.card': 'check-in mensuel',
  'followUp.kind.checkin.reminder': 'rappel du check-in',
  'followUp.kind.checkin.escalation': 'alerte aux facilitateurs',
  'followUp.kind.review.preparation': 'préparation du bilan',
  'followUp.kind.review.reminder': 'rappel de préparation du bilan',
  'followUp.kind.review.outcome': 'résultat du bilan',
  'followUp.kind.review.pack': 'dossier de bilan (équipe du Lab)',
  'followUp.channel': 'canal {team}',
} as const;
