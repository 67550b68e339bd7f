import assert from 'node:assert/strict';
import {
  MAX_LISTED_PARTICIPANTS,
  MAX_PARTICIPANT_EMAIL,
  MAX_PARTICIPANT_NAME,
  placeParticipants,
  type SessionParticipant,
} from '../../../../src/core/lab-sessions/session-participant';
import { MAX_SEQUENCING_BLOCKS } from '../../../../src/core/lab-sessions/record-sequencing';
import { buildRequestCard } from '../../../../src/features/lab-sessions/lab-sessions-cards';
import {
  MAX_CARD_BYTES,
  measureMessageBytes,
} from '../../../../src/adapters/teams/cards/card-size';
import { createTranslator } from '../../../../src/i18n/translate';
import { FACILITATOR_A, FACILITATOR_B, makeRequest } from '../../../support/lab-session-fixtures';

describe('the request card with its participants', () => {
  it('stays under 80 KB of UTF-16 (as Teams counts) with 60 seats and 60 waiting, every name and address at its longest', () => {
    const participants: SessionParticipant[] = Array.from(
      { length: MAX_LISTED_PARTICIPANTS },
      (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        requestId: 'req-1',
        position: i + 1,
        kind: i % 2 === 0 ? 'internal' : 'external',
        aadId: null,
        email:
          `a${i}@${String(i).padStart(3, '0')}${'d'.repeat(MAX_PARTICIPANT_EMAIL - 13)}.fr`.slice(
            -MAX_PARTICIPANT_EMAIL,
          ),
        name: 'É'.repeat(MAX_PARTICIPANT_NAME),
        addedBy: 'someone',
        addedAt: new Date('2026-11-20T09:00:00.000Z'),
      }),
    );
    const request = makeRequest({
      status: 'preparation',
      facilitators: [FACILITATOR_A, FACILITATOR_B],
      sessionDay: '2027-01-14',
      sequencing: {
        blocks: Array.from({ length: MAX_SEQUENCING_BLOCKS }, () => ({
          title: 'B'.repeat(80),
          minutes: 90,
          method: 'scan' as const,
        })),
        by: FACILITATOR_A.aadId,
        at: new Date('2026-12-01T09:00:00.000Z'),
      },
    });
    const build = (shown: typeof request) =>
      buildRequestCard(
        { language: 'fr', t: createTranslator('fr') },
        shown,
        { isLab: true, isFacilitator: false, isRequester: false },
        {
          participants: {
            ...placeParticipants(participants),
            // No organisation owns the domain: the (long) domain itself is shown.
            organisationOf: () => undefined,
            unreachable: 60,
            editable: true,
          },
        },
      );
    const card = build(request);
    const bytes = measureMessageBytes(card);
    assert.ok(bytes < MAX_CARD_BYTES, `${bytes} bytes`);
    // In qualification the Lab sees the most inputs: qualification, priority, decision, people.
    const qualifying = build({
      ...request,
      status: 'qualification',
      qualification: {
        objectivesReachable: true,
        intentionChecked: true,
        format: 'F'.repeat(200),
        effortDays: 60,
        risks: 'R'.repeat(1000),
        by: FACILITATOR_A.aadId,
        at: new Date('2026-11-25T09:00:00.000Z'),
      },
      priority: { urgency: 5, impact: 5, fit: 5, by: 'lab', at: new Date() },
    });
    assert.match(JSON.stringify(qualifying), /Enregistrer la priorité/);
    const qualifyingBytes = measureMessageBytes(qualifying);
    assert.ok(qualifyingBytes < MAX_CARD_BYTES, `${qualifyingBytes} bytes in qualification`);
    const text = JSON.stringify(card);
    assert.match(text, /Liste d’attente \(premier arrivé, premier servi\)/);
    // 20 seats and the head of the waitlist written out; the rest counted, and where to find it.
    assert.match(text, /… et 40 autres\u00a0: la liste complète est dans l’export des sessions/);
    assert.match(text, /… et 50 autres\u00a0: la liste complète/);
    assert.match(
      text,
      /autres organismes\u00a0: 48/,
      'each seat from its own organisation: 12 named',
    );
  });
});
