import type { Notifier } from '../../../core/ports/notifier';
import type { Logger } from '../../../logger';

/**
 * A notifier that logs a failed notice instead of failing the turn: the decision or submission
 * it follows is already stored, and the person who acted must see that it was.
 */
export function createLoggingNotifier(notifier: Notifier, logger: Logger): Notifier {
  return {
    notify: async (key, recipient, notice, notBefore) => {
      try {
        await notifier.notify(key, recipient, notice, notBefore);
      } catch (error) {
        logger.warn({ err: error, kind: notice.kind }, 'notice not queued');
      }
    },
  };
}
