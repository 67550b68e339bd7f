import assert from 'node:assert/strict';
import { declareAbsence, endAbsence } from '../../../../src/core/follow-up/absences';
import { InMemoryAbsenceStore, ManualClock, PEOPLE } from '../../../support/follow-up-fakes';

describe('declareAbsence', () => {
  const setup = (now: string) => ({
    absences: new InMemoryAbsenceStore(),
    clock: new ManualClock(new Date(now)),
  });

  it('pauses reminders until the day given, this year when it is still to come', async () => {
    const deps = setup('2026-09-30T10:00:00Z');
    const outcome = await declareAbsence(deps, { aadId: PEOPLE.nathalie, day: 9, month: 10 });
    assert.ok(outcome.ok);
    assert.equal(outcome.value.until, '2026-10-09');
    assert.equal((await deps.absences.get(PEOPLE.nathalie))?.until, '2026-10-09');
  });

  it('reads a day already past as next year, and counts today in the person’s zone', async () => {
    const deps = setup('2026-12-20T10:00:00Z');
    const outcome = await declareAbsence(deps, { aadId: PEOPLE.maelys, day: 5, month: 1 });
    assert.equal(outcome.ok && outcome.value.until, '2027-01-05');
    // 31 December 01:00 in Paris is still the 30th in Cayenne.
    const cayenne = setup('2026-12-31T00:00:00Z');
    const today = await declareAbsence(cayenne, {
      aadId: PEOPLE.maelys,
      day: 30,
      month: 12,
      timeZone: 'America/Cayenne',
    });
    assert.equal(today.ok && today.value.until, '2026-12-30');
  });

  it('refuses a day that does not exist or is more than six months away, and stores nothing', async () => {
    const deps = setup('2026-09-30T10:00:00Z');
    const wrong = await declareAbsence(deps, { aadId: PEOPLE.nathalie, day: 31, month: 11 });
    assert.equal(!wrong.ok && wrong.refusal.code, 'invalid');
    const far = await declareAbsence(deps, { aadId: PEOPLE.nathalie, day: 29, month: 9 });
    assert.deepEqual(far, {
      ok: false,
      refusal: { code: 'tooFar', params: { day: '2027-09-29', max: 183 } },
    });
    const past = await declareAbsence(deps, {
      aadId: PEOPLE.nathalie,
      day: 1,
      month: 9,
      year: 2026,
    });
    assert.equal(!past.ok && past.refusal.code, 'closed');
    assert.equal(deps.absences.absences.size, 0);
  });

  it('ends an absence on "je suis de retour"', async () => {
    const deps = setup('2026-09-30T10:00:00Z');
    await declareAbsence(deps, { aadId: PEOPLE.nathalie, day: 9, month: 10 });
    assert.equal(await endAbsence(deps, PEOPLE.nathalie), true);
    assert.equal(await endAbsence(deps, PEOPLE.nathalie), false);
    assert.equal(await deps.absences.get(PEOPLE.nathalie), undefined);
  });
});
