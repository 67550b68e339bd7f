import type { Clock } from '../../../core/ports/clock';
import type { ConversationStore } from '../../../core/ports/conversation-store';
import type {
  BulkNotice,
  BulkNotifier,
  Notice,
  NoticeRecipient,
  Notifier,
} from '../../../core/ports/notifier';
import type { OutboxMessage, OutboxStore, OutboxTarget } from '../../../core/ports/outbox-store';
import { startBulkSend } from '../../../delivery/start-bulk-send';
import { createTranslator, toLanguage } from '../../../i18n/translate';
import type { NoticeRenderers } from './notice-renderer';
import { sanitiseCard, stripHiddenControls } from '../cards/sanitise-card';

/** Raised when a notice cannot be queued; the message says what is missing. */
export class UndeliverableNoticeError extends Error {
  override name = 'UndeliverableNoticeError';
}

/**
 * The Notifier of the running bot: renders each notice as a card in the recipient's language
 * (from their last message, French by default) and queues it in the outbox, where the delivery
 * worker sends it within Teams' limits. The idempotency key makes repeated calls harmless.
 */
export class OutboxNotifier implements Notifier, BulkNotifier {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly conversations: ConversationStore,
    private readonly renderers: NoticeRenderers,
    private readonly clock: Clock,
  ) {}

  async notify(
    idempotencyKey: string,
    recipient: NoticeRecipient,
    notice: Notice,
    notBefore?: Date,
  ): Promise<void> {
    const now = this.clock.now();
    await this.outbox.enqueue(
      await this.toMessage({ idempotencyKey, recipient, notice, notBefore }, now),
      now,
    );
  }

  async notifyBulk(
    batch: { id: string; label: string; shownTo?: string },
    notices: readonly BulkNotice[],
  ): Promise<{ queued: number; undelivered: number }> {
    const now = this.clock.now();
    const messages: OutboxMessage[] = [];
    let undelivered = 0;
    for (const notice of notices) {
      try {
        messages.push({ ...(await this.toMessage(notice, now)), batchId: batch.id });
      } catch (error) {
        if (!(error instanceof UndeliverableNoticeError)) throw error;
        undelivered += 1;
      }
    }
    if (batch.shownTo === undefined) {
      return { queued: await this.outbox.enqueueMany(messages, now), undelivered };
    }
    const admin = await this.conversations.get(batch.shownTo);
    const { queued } = await startBulkSend(
      this.outbox,
      {
        batchId: batch.id,
        adminConversationId: batch.shownTo,
        language: toLanguage(admin?.locale),
        label: batch.label,
        messages,
      },
      now,
    );
    return { queued, undelivered };
  }

  private async toMessage(notice: BulkNotice, now: Date): Promise<OutboxMessage> {
    const render = this.renderers[notice.notice.kind];
    if (render === undefined) {
      throw new UndeliverableNoticeError(`No card for notices of kind "${notice.notice.kind}"`);
    }
    const { target, locale } = await this.resolve(notice.recipient);
    const language = toLanguage(locale);
    const rendered = render(notice.notice, { language, t: createTranslator(language) });
    // What people wrote reaches others' cards as text, never as a link or a hidden control.
    const card = sanitiseCard(rendered.card);
    const summary = stripHiddenControls(rendered.summary);
    return {
      idempotencyKey: notice.idempotencyKey,
      target,
      payload: { kind: 'card', card, summary },
      notBefore: notice.notBefore ?? now,
    };
  }

  private async resolve(
    recipient: NoticeRecipient,
  ): Promise<{ target: OutboxTarget; locale: string | null }> {
    if (recipient.kind === 'conversation') {
      const conversation = await this.conversations.get(recipient.conversationId);
      return {
        target: { kind: 'conversation', conversationId: recipient.conversationId },
        locale: conversation?.locale ?? null,
      };
    }
    const user = await this.conversations.getUserContext(recipient.aadId);
    const personal = await this.conversations.findPersonal(recipient.aadId);
    if (personal !== undefined) {
      return {
        target: { kind: 'conversation', conversationId: personal.conversationId },
        locale: user?.locale ?? personal.locale,
      };
    }
    // Teams lets a bot open a 1:1 chat with anyone in a team where it is installed.
    const team = (await this.conversations.listActive()).find(
      (c) => c.scope === 'channel' && c.teamId !== null && c.tenantId !== null,
    );
    if (team?.teamId == null || team.tenantId === null) {
      throw new UndeliverableNoticeError(
        'The bot is installed in no team and has no personal chat with the recipient',
      );
    }
    return {
      target: {
        kind: 'user',
        userAadId: recipient.aadId,
        tenantId: team.tenantId,
        teamId: team.teamId,
      },
      locale: user?.locale ?? null,
    };
  }
}
