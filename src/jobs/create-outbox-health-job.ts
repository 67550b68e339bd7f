import type { OutboxStore } from '../core/ports/outbox-store';
import type { Logger } from '../logger';
import type { Job } from './job-registry';

/**
 * Every 5 minutes. The Azure Monitor alert on this line (infra/azure.bicep) runs every 5 minutes
 * over the last 15, so it always sees two or more lines despite a few minutes of ingestion delay.
 */
export const OUTBOX_HEALTH_SCHEDULE = '*/5 * * * *';

/** The `event` field of the line, which the alert query looks for. */
export const OUTBOX_HEALTH_EVENT = 'outbox.health';

/**
 * Logs, at info, how many outbox messages are in each state: counts only, no key, recipient or
 * content. The failed and unreachable counts only grow, so an alert on their growth over a window
 * fires when messages were given up on or refused by Teams. Every instance logs the same counts.
 */
export function createOutboxHealthJob(deps: { outbox: OutboxStore; logger: Logger }): Job {
  return {
    name: 'outbox-health',
    schedule: OUTBOX_HEALTH_SCHEDULE,
    run: async () => {
      const counts = await deps.outbox.countByState();
      deps.logger.info(
        {
          event: OUTBOX_HEALTH_EVENT,
          pending: counts.pending,
          sent: counts.sent,
          failed: counts.failed,
          unreachable: counts.unreachable,
        },
        'outbox health',
      );
    },
  };
}
