import type { OutboxMessage, OutboxStore } from '../core/ports/outbox-store';
import type { Language } from '../i18n/translate';
import { buildProgressCard } from './build-progress-card';

/**
 * A bulk send of more than this many messages shows its admin a progress card (the issue's
 * threshold): at Teams' 50 messages per second per tenant, smaller ones are over in a moment.
 */
export const BULK_PROGRESS_THRESHOLD = 20;

/** Outbox key of a batch's progress card: one card per batch, however often the send is started. */
export function toProgressCardKey(batchId: string): string {
  return `progress:${batchId}`;
}

/** A bulk send an admin starts: the messages, and where and how to show its progress. */
export interface BulkSend {
  /** Groups the messages; unique per send, e.g. `welcome:defi-2026`. */
  batchId: string;
  /** The admin's conversation with the bot (usually the personal chat they started it from). */
  adminConversationId: string;
  language: Language;
  /** What is being sent, in the admin's language, e.g. "Messages de bienvenue — Défi du Lab 2026". */
  label: string;
  messages: readonly OutboxMessage[];
}

/**
 * Queues a bulk send under its batch id and, above BULK_PROGRESS_THRESHOLD messages, a progress
 * card for the admin, which the delivery worker updates in place as the send goes on. The card
 * is due no later than the first message and queued a millisecond before them, so it is claimed,
 * and shown, first.
 */
export async function startBulkSend(
  outbox: OutboxStore,
  send: BulkSend,
  now: Date,
): Promise<{ queued: number; progressCard: boolean }> {
  const keys = new Set(send.messages.map((message) => message.idempotencyKey));
  const progressCard = keys.size > BULK_PROGRESS_THRESHOLD;
  if (progressCard) {
    const { card, summary } = buildProgressCard({
      label: send.label,
      language: send.language,
      counts: { sent: 0, failed: 0, unreachable: 0, pending: keys.size, total: keys.size },
    });
    await outbox.enqueue(
      {
        idempotencyKey: toProgressCardKey(send.batchId),
        target: { kind: 'conversation', conversationId: send.adminConversationId },
        payload: { kind: 'card', card, summary },
        notBefore: new Date(
          Math.min(now.getTime(), ...send.messages.map((message) => message.notBefore.getTime())),
        ),
      },
      now,
    );
  }
  const queued = await outbox.enqueueMany(
    send.messages.map((message) => ({ ...message, batchId: send.batchId })),
    new Date(now.getTime() + 1),
  );
  return { queued, progressCard };
}
