import { UndeliverableNoticeError, type Notifier } from '../../../core/ports/notifier';
import type { Logger } from '../../../logger';

/**
 * A notifier that logs a failed notice instead of failing the turn: the decision or submission
 * it follows is already stored, and the person who acted must see that it was. For the kinds in
 * `unreachableTold`, an unreachable recipient is passed on (after the log) to the use case, which
 * tells someone else (e.g. the candidate whose manager cannot be reached).
 */
export function createLoggingNotifier(
  notifier: Notifier,
  logger: Logger,
  unreachableTold: readonly string[] = [],
): Notifier {
  return {
    notify: async (key, recipient, notice, notBefore) => {
      try {
        await notifier.notify(key, recipient, notice, notBefore);
      } catch (error) {
        logger.warn({ err: error, kind: notice.kind }, 'notice not queued');
        if (error instanceof UndeliverableNoticeError && unreachableTold.includes(notice.kind)) {
          throw error;
        }
      }
    },
  };
}
