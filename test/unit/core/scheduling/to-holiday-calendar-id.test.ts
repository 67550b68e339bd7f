import assert from 'node:assert/strict';
import { toHolidayCalendarId } from '../../../../src/core/scheduling/to-holiday-calendar-id';

describe('toHolidayCalendarId', () => {
  it('picks French Guiana for America/Cayenne and Belgium for Europe/Brussels', () => {
    assert.equal(toHolidayCalendarId('America/Cayenne'), 'FR-GF');
    assert.equal(toHolidayCalendarId('Europe/Brussels'), 'BE');
  });

  it('falls back to mainland France for Paris, other zones and unknown zones', () => {
    assert.equal(toHolidayCalendarId('Europe/Paris'), 'FR');
    assert.equal(toHolidayCalendarId('Asia/Tokyo'), 'FR');
    assert.equal(toHolidayCalendarId(null), 'FR');
    assert.equal(toHolidayCalendarId(undefined), 'FR');
  });
});
