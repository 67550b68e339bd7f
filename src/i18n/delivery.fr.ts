/** French messages of proactive delivery: the progress card of a bulk send. */
export const deliveryFr = {
  'delivery.progress.running': 'Envoi : {sent} / {total} · {failures}',
  'delivery.progress.done': 'Envoi terminé : {sent} / {total} envoyés · {failures}',
  'delivery.progress.failures.one': '{count} échec',
  'delivery.progress.failures.other': '{count} échecs',
  'delivery.progress.unreachable.one':
    'Dont {count} destinataire injoignable : application retirée ou bot bloqué.',
  'delivery.progress.unreachable.other':
    'Dont {count} destinataires injoignables : application retirée ou bot bloqué.',
} as const;
