import type { Clock } from '../../../core/ports/clock';
import type { ConversationStore } from '../../../core/ports/conversation-store';
import {
  UndeliverableNoticeError,
  type BulkNotice,
  type BulkNotifier,
  type Notice,
  type NoticeRecipient,
  type Notifier,
} from '../../../core/ports/notifier';
import type { PersonalChatOpener } from '../../../core/ports/personal-chat-opener';
import type {
  OutboxMessage,
  OutboxPayload,
  OutboxStore,
  OutboxTarget,
} from '../../../core/ports/outbox-store';
import type { ReachFailure, ReachLog, ReachRoute } from '../../../core/ports/reach-log';
import type { EmailCause } from '../../../core/ports/email-delivery-store';
import type { EmailFallback } from '../../email/email-fallback';
import { startBulkSend } from '../../../delivery/start-bulk-send';
import { createTranslator, toLanguage } from '../../../i18n/translate';
import type { NoticeRenderers } from './notice-renderer';
import { sanitiseCard, stripHiddenControls } from '../cards/sanitise-card';
import { PersonalChatInstaller } from './personal-chat-installer';

export { UndeliverableNoticeError };

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
    /** Installs the bot for people it has no chat with (Graph); absent: it does not. */
    private readonly installer?: PersonalChatOpener,
    /** Where the route each notice to a person took is counted (the Lab digest); absent: nowhere. */
    private readonly reach?: ReachLog,
    /** Sends by e-mail to people Teams cannot reach (Graph sendMail); absent: it does not. */
    private readonly email?: EmailFallback,
  ) {
    this.personalChats =
      installer === undefined
        ? undefined
        : new PersonalChatInstaller(conversations, installer, clock);
  }

  private readonly personalChats: PersonalChatInstaller | undefined;

  async notify(
    idempotencyKey: string,
    recipient: NoticeRecipient,
    notice: Notice,
    notBefore?: Date,
  ): Promise<void> {
    const now = this.clock.now();
    const message = await this.toMessage({ idempotencyKey, recipient, notice, notBefore }, now);
    // Undefined: it goes by e-mail instead (queued by toMessage).
    if (message !== undefined) await this.outbox.enqueue(message, now);
  }

  async notifyBulk(
    batch: { id: string; label: string; shownTo?: string },
    notices: readonly BulkNotice[],
  ): Promise<{ queued: number; undelivered: number }> {
    const now = this.clock.now();
    const messages: OutboxMessage[] = [];
    let undelivered = 0;
    let emailed = 0;
    for (const notice of notices) {
      try {
        const message = await this.toMessage(notice, now);
        if (message === undefined) emailed += 1;
        else messages.push({ ...message, batchId: batch.id });
      } catch (error) {
        if (!(error instanceof UndeliverableNoticeError)) throw error;
        undelivered += 1;
      }
    }
    if (batch.shownTo === undefined) {
      return { queued: (await this.outbox.enqueueMany(messages, now)) + emailed, undelivered };
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
    return { queued: queued + emailed, undelivered };
  }

  /**
   * The outbox message of a notice, or undefined when it goes by e-mail instead: to a person of
   * an organisation not on Teams yet, or to one the bot has no way to reach in Teams and whose
   * address is known (with the e-mail fallback on).
   */
  private async toMessage(notice: BulkNotice, now: Date): Promise<OutboxMessage | undefined> {
    const render = this.renderers[notice.notice.kind];
    if (render === undefined) {
      throw new UndeliverableNoticeError(`No card for notices of kind "${notice.notice.kind}"`);
    }
    const toPayload = (locale: string | null): OutboxPayload => {
      const language = toLanguage(locale);
      const rendered = render(notice.notice, { language, t: createTranslator(language) });
      // What people wrote reaches others' cards as text, never as a link or a hidden control.
      const card = sanitiseCard(rendered.card, language);
      return { kind: 'card', card, summary: stripHiddenControls(rendered.summary) };
    };
    const recipient = notice.recipient;
    const byEmail = async (cause: EmailCause, teamsReason: string | null) => {
      const aadId = recipient.kind === 'user' ? recipient.aadId : '';
      const locale = (await this.conversations.getUserContext(aadId))?.locale ?? null;
      return {
        idempotencyKey: notice.idempotencyKey,
        recipientAadId: aadId,
        language: toLanguage(locale),
        payload: toPayload(locale),
        cause,
        teamsReason,
        ...(notice.notBefore === undefined ? {} : { notBefore: notice.notBefore }),
      };
    };
    if (
      recipient.kind === 'user' &&
      this.email !== undefined &&
      (await this.email.isNotOnTeams(recipient.aadId))
    ) {
      await this.email.queue(await byEmail('not-on-teams', null));
      return undefined;
    }
    let resolved: Awaited<ReturnType<OutboxNotifier['resolve']>>;
    try {
      resolved = await this.resolve(recipient);
    } catch (error) {
      if (!(error instanceof UndeliverableNoticeError)) throw error;
      if (
        recipient.kind === 'user' &&
        this.email !== undefined &&
        (await this.email.queueIfReachable(await byEmail('no-teams-route', error.message)))
      ) {
        return undefined;
      }
      await this.count(notice, now, 'unreachable', error.failure ?? 'error');
      throw error;
    }
    if (resolved.route !== undefined) await this.count(notice, now, resolved.route, null);
    return {
      idempotencyKey: notice.idempotencyKey,
      target: resolved.target,
      payload: toPayload(resolved.locale),
      notBefore: notice.notBefore ?? now,
    };
  }

  /** Counts how a notice to a person went, for the notice's programme (when it names one). */
  private async count(
    notice: BulkNotice,
    at: Date,
    route: ReachRoute,
    failure: ReachFailure | null,
  ): Promise<void> {
    const programmeId = notice.notice.data.programmeId;
    if (this.reach === undefined || typeof programmeId !== 'string' || programmeId === '') return;
    await this.reach.record({
      key: notice.idempotencyKey,
      programmeId,
      noticeKind: notice.notice.kind,
      route,
      failure,
      at,
    });
  }

  private async resolve(
    recipient: NoticeRecipient,
  ): Promise<{ target: OutboxTarget; locale: string | null; route?: ReachRoute }> {
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
        route: 'conversation',
      };
    }
    const active = await this.conversations.listActive();
    let installFailure = '';
    let failure: ReachFailure = 'no-chat';
    if (this.personalChats !== undefined) {
      // A quick try (someone's turn may be waiting): Graph busy, or the chat not shown yet, and
      // the outbox finishes the job.
      const opened = await this.personalChats.install(recipient.aadId, active, { quick: true });
      if (opened.ok) {
        return {
          target: { kind: 'conversation', conversationId: opened.conversation.conversationId },
          locale: user?.locale ?? null,
          route: 'install',
        };
      }
      if (opened.transient) {
        // Graph throttled or unavailable: the outbox installs it at its next tries (with its
        // backoff) and then delivers; the notice is not lost, nor sent another way meanwhile.
        return {
          target: { kind: 'install', userAadId: recipient.aadId },
          locale: user?.locale ?? null,
          route: 'install',
        };
      }
      installFailure = `; installing the bot for them failed: ${opened.reason}`;
      failure = opened.code;
    }
    // Teams lets a bot open a 1:1 chat with anyone in a team where it is installed.
    const team = active.find(
      (c) => c.scope === 'channel' && c.teamId !== null && c.tenantId !== null,
    );
    if (team?.teamId == null || team.tenantId === null) {
      throw new UndeliverableNoticeError(
        `The bot is installed in no team and has no personal chat with the recipient${installFailure}`,
        failure,
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
      route: 'team',
    };
  }
}
