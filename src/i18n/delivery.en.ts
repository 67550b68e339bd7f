import type { deliveryFr } from './delivery.fr';

/** English messages of proactive delivery: the progress card of a bulk send. */
export const deliveryEn: Record<keyof typeof deliveryFr, string> = {
  'delivery.progress.running': 'Sending: {sent} / {total} · {failures}',
  'delivery.progress.done': 'Sending finished: {sent} / {total} sent · {failures}',
  'delivery.progress.failures.one': '{count} failed',
  'delivery.progress.failures.other': '{count} failed',
  'delivery.progress.unreachable.one':
    'Including {count} recipient out of reach: app removed or bot blocked.',
  'delivery.progress.unreachable.other':
    'Including {count} recipients out of reach: app removed or bot blocked.',
};
