import assert from 'node:assert/strict';
import { buildActivity, IDEMPOTENCY_KEY_FIELD } from '../../../src/delivery/build-activity';
import { IDEMPOTENCY_KEY_FIELD as FAKE_FIELD } from '../../fakes/fake-bot-connector';

describe('buildActivity', () => {
  it('wraps a card as an Adaptive Card attachment with its notification summary', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [] };
    assert.deepEqual(
      buildActivity(
        'checkin:2026-10:team-7:lead',
        { kind: 'card', card, summary: 'Point mensuel' },
        '19:c',
        'tenant-a',
      ),
      {
        type: 'message',
        summary: 'Point mensuel',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        conversation: { id: '19:c', tenantId: 'tenant-a' },
        channelData: {
          labbotIdempotencyKey: 'checkin:2026-10:team-7:lead',
          tenant: { id: 'tenant-a' },
        },
      },
    );
  });

  it('sends text as plain text, so Markdown in names is not interpreted', () => {
    const activity = buildActivity('k', { kind: 'text', text: '*Bonjour*' }, '19:c', null);
    assert.equal(activity.text, '*Bonjour*');
    assert.equal(activity.textFormat, 'plain');
    assert.deepEqual(activity.channelData, { labbotIdempotencyKey: 'k' });
    assert.deepEqual(activity.conversation, { id: '19:c' });
  });

  it('puts the key where the fake connector looks for it', () => {
    assert.equal(IDEMPOTENCY_KEY_FIELD, FAKE_FIELD);
  });
});
