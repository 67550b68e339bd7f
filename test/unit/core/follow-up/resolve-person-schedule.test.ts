import assert from 'node:assert/strict';
import { resolvePersonSchedule } from '../../../../src/core/follow-up/resolve-person-schedule';
import { example2026Input, PEOPLE } from '../../../support/follow-up-fakes';

describe('resolvePersonSchedule', () => {
  it('uses the organisation’s zone and holidays when Teams never reported a zone', () => {
    const schedule = resolvePersonSchedule(
      { aadId: PEOPLE.maelys, organisationId: 'caf-guyane' },
      example2026Input(),
    );
    assert.equal(schedule.timeZone, 'America/Cayenne');
    assert.equal(schedule.calendar.id, 'FR-GF');
  });

  it('prefers the zone Teams reported, keeping the organisation’s holidays', () => {
    const schedule = resolvePersonSchedule(
      { aadId: PEOPLE.maelys, organisationId: 'caf-guyane' },
      example2026Input({ [PEOPLE.maelys]: 'Europe/Paris' }),
    );
    assert.equal(schedule.timeZone, 'Europe/Paris');
    assert.equal(schedule.calendar.id, 'FR-GF');
  });

  it('falls back to Europe/Paris, and ignores a zone the runtime does not know', () => {
    const input = example2026Input({ [PEOPLE.nadia]: 'Mars/Olympus' });
    const schedule = resolvePersonSchedule({ aadId: PEOPLE.nadia }, input);
    assert.equal(schedule.timeZone, 'Europe/Paris');
    assert.equal(schedule.calendar.id, 'FR');
    const brussels = resolvePersonSchedule(
      { aadId: PEOPLE.olivier },
      example2026Input({ [PEOPLE.olivier]: 'Europe/Brussels' }),
    );
    assert.equal(brussels.calendar.id, 'BE');
  });
});
