import type { MeetingRecord } from '../../core/meetings/meeting';

/** RFC 5545 §3.1: content lines are folded at 75 octets, continuation lines start with a space. */
const MAX_LINE_OCTETS = 75;

/**
 * The meeting as an iCalendar file (RFC 5545) an attendee opens in their calendar: one VEVENT
 * with the meeting's stable UID and its SEQUENCE, so a later version (moved, renamed, cancelled)
 * replaces the one imported before instead of adding a second. METHOD:PUBLISH, since the bot is
 * not an organiser people reply to; a cancellation is the same event with STATUS:CANCELLED.
 */
export function writeMeetingIcs(
  meeting: MeetingRecord & { droppedAt?: number },
  stampedAt: Date,
): string {
  // Someone dropped from the attendees gets the cancellation of the version that dropped them:
  // METHOD:CANCEL, the same UID, a SEQUENCE above the invitation they imported.
  const dropped = meeting.droppedAt !== undefined;
  const cancelled = dropped || meeting.state === 'cancelling' || meeting.state === 'cancelled';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lab Innovation//labbot//FR',
    'CALSCALE:GREGORIAN',
    dropped ? 'METHOD:CANCEL' : 'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(meeting.icsUid)}`,
    `SEQUENCE:${meeting.droppedAt ?? meeting.sequence}`,
    `DTSTAMP:${toUtcStamp(stampedAt)}`,
    `DTSTART:${toUtcStamp(meeting.startsAt)}`,
    `DTEND:${toUtcStamp(meeting.endsAt)}`,
    `SUMMARY:${escapeText(meeting.subject)}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** A UTC DATE-TIME (form #2 of RFC 5545 §3.3.5): 20261208T130000Z. */
function toUtcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as \n. */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');
}

/** Folds a line at 75 octets without cutting a UTF-8 character in two. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines carry a leading space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
