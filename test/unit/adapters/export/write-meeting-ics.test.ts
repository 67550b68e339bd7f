import assert from 'node:assert/strict';
import { writeMeetingIcs } from '../../../../src/adapters/export/write-meeting-ics';
import type { MeetingRecord } from '../../../../src/core/meetings/meeting';

const MEETING: MeetingRecord = {
  programmeId: 'defi-2026',
  kind: 'monthlyExchange',
  teamId: 'team-1',
  period: '2026-12',
  subject: 'Défi du Lab 2026 — Échange mensuel — Caf’enir; équipe, avec \\ tout',
  startsAt: new Date('2026-12-08T13:00:00Z'),
  endsAt: new Date('2026-12-08T14:00:00Z'),
  timeZone: 'Europe/Paris',
  attendees: [{ aadId: 'a', name: 'Awa' }],
  attendeesDigest: 'd',
  externalEventId: null,
  icsUid: 'defi-2026.monthlyExchange.team-1.2026-12@labbot',
  sequence: 2,
  state: 'pending',
  route: 'ics',
  lastError: null,
  updatedAt: new Date('2026-11-20T08:00:00Z'),
};

function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('writeMeetingIcs (RFC 5545)', () => {
  const at = new Date('2026-11-20T08:15:30.123Z');

  it('writes one event with its stable UID, its SEQUENCE and UTC times, lines ending in CRLF', () => {
    const ics = writeMeetingIcs(MEETING, at);
    assert.ok(ics.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(ics), 'every line break is CRLF');
    const lines = unfold(ics);
    assert.deepEqual(lines.slice(0, 6), [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Lab Innovation//labbot//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
    ]);
    assert.ok(lines.includes('UID:defi-2026.monthlyExchange.team-1.2026-12@labbot'));
    assert.ok(lines.includes('SEQUENCE:2'));
    assert.ok(lines.includes('DTSTAMP:20261120T081530Z'));
    assert.ok(lines.includes('DTSTART:20261208T130000Z'));
    assert.ok(lines.includes('DTEND:20261208T140000Z'));
    assert.ok(lines.includes('STATUS:CONFIRMED'));
  });

  it('escapes commas, semicolons and backslashes, and folds long lines at 75 octets without cutting a character', () => {
    const ics = writeMeetingIcs(MEETING, at);
    for (const line of ics.split('\r\n')) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `too long: ${line}`);
    }
    const summary = unfold(ics).find((line) => line.startsWith('SUMMARY:'));
    assert.equal(
      summary,
      'SUMMARY:Défi du Lab 2026 — Échange mensuel — Caf’enir\\; équipe\\, avec \\\\ tout',
    );
  });

  it('marks a cancelled meeting CANCELLED with its higher sequence, so calendars drop it', () => {
    const lines = unfold(writeMeetingIcs({ ...MEETING, state: 'cancelling', sequence: 3 }, at));
    assert.ok(lines.includes('STATUS:CANCELLED'));
    assert.ok(lines.includes('SEQUENCE:3'));
  });

  it('gives someone dropped from the attendees the cancellation of the version that dropped them', () => {
    const lines = unfold(writeMeetingIcs({ ...MEETING, state: 'active', droppedAt: 1 }, at));
    assert.ok(lines.includes('METHOD:CANCEL'));
    assert.ok(!lines.includes('METHOD:PUBLISH'));
    assert.ok(lines.includes('UID:defi-2026.monthlyExchange.team-1.2026-12@labbot'));
    assert.ok(lines.includes('SEQUENCE:1'), 'the version that dropped them, not a newer one');
    assert.ok(lines.includes('STATUS:CANCELLED'));
  });
});
