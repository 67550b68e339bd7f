import type { OutboxPayload } from '../core/ports/outbox-store';
import type { Activity } from './connector-client';

/** Where the idempotency key travels in every activity the worker sends, so duplicates can be found. */
export const IDEMPOTENCY_KEY_FIELD = 'labbotIdempotencyKey';

/** The Bot Framework content type of Adaptive Cards. */
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * The message activity for an outbox payload. Teams assigns the activity id, so the idempotency
 * key rides in channelData, next to the tenant Teams wants on proactive messages.
 */
export function buildActivity(
  idempotencyKey: string,
  payload: OutboxPayload,
  conversationId: string,
  tenantId: string | null,
): Activity {
  const channelData: Record<string, unknown> = { [IDEMPOTENCY_KEY_FIELD]: idempotencyKey };
  if (tenantId !== null) channelData.tenant = { id: tenantId };
  const conversation =
    tenantId === null ? { id: conversationId } : { id: conversationId, tenantId };
  if (payload.kind === 'text') {
    return { type: 'message', text: payload.text, textFormat: 'plain', conversation, channelData };
  }
  return {
    type: 'message',
    // The summary is what Teams shows in the activity feed and notifications for a card.
    ...(payload.summary === undefined ? {} : { summary: payload.summary }),
    attachments: [{ contentType: ADAPTIVE_CARD, content: payload.card }],
    conversation,
    channelData,
  };
}
