import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getZoneOffset } from '../../../../src/core/scheduling/get-zone-offset';
import { toUtcInstant } from '../../../../src/core/scheduling/to-utc-instant';

describe('toUtcInstant', () => {
  it('reads 09:30 in Paris as 08:30 UTC in winter and 07:30 UTC in summer', () => {
    assert.equal(
      toUtcInstant('2026-01-15', '09:30', 'Europe/Paris').toISOString(),
      '2026-01-15T08:30:00.000Z',
    );
    assert.equal(
      toUtcInstant('2026-07-15', '09:30', 'Europe/Paris').toISOString(),
      '2026-07-15T07:30:00.000Z',
    );
  });

  it('reads 09:30 in Cayenne as 12:30 UTC all year, French Guiana having no DST', () => {
    assert.equal(
      toUtcInstant('2026-01-15', '09:30', 'America/Cayenne').toISOString(),
      '2026-01-15T12:30:00.000Z',
    );
    assert.equal(
      toUtcInstant('2026-07-15', '09:30', 'America/Cayenne').toISOString(),
      '2026-07-15T12:30:00.000Z',
    );
  });

  it('uses the new offset on the morning of the last Sunday of March', () => {
    assert.equal(
      toUtcInstant('2026-03-29', '09:30', 'Europe/Paris').toISOString(),
      '2026-03-29T07:30:00.000Z',
    );
    assert.equal(
      toUtcInstant('2026-03-29', '01:59', 'Europe/Paris').toISOString(),
      '2026-03-29T00:59:00.000Z',
    );
  });

  it('moves a time skipped by the spring change forward by the gap (02:30 becomes 03:30)', () => {
    const instant = toUtcInstant('2026-03-29', '02:30', 'Europe/Paris');
    assert.equal(instant.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(toUtcInstant('2026-03-29', '03:30', 'Europe/Paris').getTime(), instant.getTime());
  });

  it('takes the first occurrence of a time repeated by the autumn change', () => {
    assert.equal(
      toUtcInstant('2026-10-25', '02:30', 'Europe/Paris').toISOString(),
      '2026-10-25T00:30:00.000Z',
    );
    assert.equal(
      toUtcInstant('2026-10-25', '03:00', 'Europe/Paris').toISOString(),
      '2026-10-25T02:00:00.000Z',
    );
    assert.equal(
      toUtcInstant('2026-10-25', '09:30', 'Europe/Paris').toISOString(),
      '2026-10-25T08:30:00.000Z',
    );
  });

  it('handles the 2027 changes too (28 March and 31 October)', () => {
    assert.equal(
      toUtcInstant('2027-03-28', '02:15', 'Europe/Paris').toISOString(),
      '2027-03-28T01:15:00.000Z',
    );
    assert.equal(
      toUtcInstant('2027-10-31', '02:15', 'Europe/Paris').toISOString(),
      '2027-10-31T00:15:00.000Z',
    );
  });

  it('follows Brussels, which changes on the same Sundays as Paris', () => {
    assert.equal(
      toUtcInstant('2026-10-26', '09:30', 'Europe/Brussels').toISOString(),
      '2026-10-26T08:30:00.000Z',
    );
  });

  it('does not depend on the time zone of the process', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      assert.equal(
        toUtcInstant('2026-03-29', '02:30', 'Europe/Paris').toISOString(),
        '2026-03-29T01:30:00.000Z',
      );
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('refuses malformed days, times and zones', () => {
    assert.throws(() => toUtcInstant('2026-02-30', '09:30', 'Europe/Paris'), RangeError);
    assert.throws(() => toUtcInstant('2026-10-01', '9:30', 'Europe/Paris'), RangeError);
    assert.throws(() => toUtcInstant('2026-10-01', '24:00', 'Europe/Paris'), RangeError);
    assert.throws(() => toUtcInstant('2026-10-01', '09:30', 'Europe/Nowhere'), RangeError);
  });

  it('shows the requested wall-clock time in the zone whenever that time exists', () => {
    const zones = ['Europe/Paris', 'America/Cayenne', 'Europe/Brussels', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (dayStart, hour, minute, zone) => {
          const day = new Date(dayStart).toISOString().slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const instant = toUtcInstant(day, time, zone);
          const shown = new Date(instant.getTime() + getZoneOffset(instant, zone) * 60_000);
          const wall = Date.UTC(
            Number(day.slice(0, 4)),
            Number(day.slice(5, 7)) - 1,
            Number(day.slice(8)),
            hour,
            minute,
          );
          // Equal, or later by at most the gap when the time was skipped by a DST change.
          const drift = shown.getTime() - wall;
          assert.ok(
            drift >= 0 && drift <= 60 * 60_000,
            `${day} ${time} ${zone} drifted ${drift} ms`,
          );
        },
      ),
      { seed: 20261025, numRuns: 2000 },
    );
  });
});
