import type { Digest } from '../../core/digests/digest';
import { DIGEST_NOTICE_KINDS } from '../../core/digests/send-weekly-digests';
import { buildDigestCard } from './build-digest-card';
import type { NoticeRenderers } from '../../adapters/teams/notices/notice-renderer';

/**
 * Cards of the weekly digests, rendered in the recipient's language when queued: the Lab team's
 * (in its channel or personal chat) and each facilitator's.
 */
export function createDigestRenderers(options: { exportReviews: boolean }): NoticeRenderers {
  return {
    [DIGEST_NOTICE_KINDS.lab]: (notice, context) => {
      const { digest, inChannel } = notice.data as { digest: Digest; inChannel?: boolean };
      return {
        card: buildDigestCard(context, digest, {
          exportReviews: options.exportReviews && inChannel !== true,
        }),
        summary: context.t('digest.summary', { programme: digest.programmeName }),
      };
    },
    [DIGEST_NOTICE_KINDS.facilitator]: (notice, context) => {
      const { digest } = notice.data as { digest: Digest };
      return {
        card: buildDigestCard(context, digest),
        summary: context.t('digest.facilitatorSummary', { programme: digest.programmeName }),
      };
    },
  };
}
