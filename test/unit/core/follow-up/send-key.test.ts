import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatSendKey,
  formatSendKeyMonthMarker,
  parseSendKey,
} from '../../../../src/core/follow-up/send-key';
import { parseOccurrenceKey } from '../../../../src/core/jobs/occurrence';

const part = fc.stringMatching(/^[a-z0-9-]{1,12}$/);

describe('send keys', () => {
  it('reads back what it wrote, for any job, month, programme, team and recipient', () => {
    fc.assert(
      fc.property(part, part, part, part, fc.uuid(), (job, period, programmeId, teamId, aadId) => {
        for (const recipient of [
          { kind: 'person', role: 'lead', aadId, name: 'Lead' } as const,
          { kind: 'person', role: 'facilitator', aadId, name: 'Facilitator' } as const,
          { kind: 'channel', conversationId: '19:general' } as const,
        ]) {
          const key = formatSendKey({ job, period, programmeId, teamId, recipient });
          const parsed = parseSendKey(key);
          assert.ok(parsed !== undefined, key);
          assert.deepEqual(
            {
              job: parsed.job,
              period: parsed.period,
              programmeId: parsed.programmeId,
              teamId: parsed.teamId,
            },
            { job, period, programmeId, teamId },
          );
          assert.equal(parseOccurrenceKey(key)?.job, job);
        }
      }),
    );
  });

  it('writes the documented format, the recipient last', () => {
    const key = formatSendKey({
      job: 'checkin',
      period: '2026-10',
      programmeId: 'defi-du-lab-2026',
      teamId: 'team-7',
      recipient: { kind: 'person', role: 'lead', aadId: 'X', name: 'X' },
    });
    assert.equal(key, 'checkin:2026-10:defi-du-lab-2026/team-7/lead');
    assert.ok(key.includes(formatSendKeyMonthMarker('2026-10', 'defi-du-lab-2026') + 'team-7/'));
  });

  it('refuses parts that would make the key ambiguous', () => {
    const recipient = { kind: 'channel', conversationId: '19:general' } as const;
    assert.throws(() =>
      formatSendKey({
        job: 'checkin',
        period: '2026-10',
        programmeId: 'a/b',
        teamId: 't',
        recipient,
      }),
    );
    assert.throws(() =>
      formatSendKey({
        job: 'checkin',
        period: '2026:10',
        programmeId: 'a',
        teamId: 't',
        recipient,
      }),
    );
    assert.equal(parseSendKey('digest:2026-W41:weekly'), undefined);
    assert.equal(parseSendKey('not-a-key'), undefined);
  });
});
