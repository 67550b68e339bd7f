import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProgrammeYaml } from '../../../src/adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../../../src/catalogue/known-organisations';
import { getProgrammePhase } from '../../../src/core/programmes/get-programme-phase';
import type { Milestones } from '../../../src/core/programmes/programme';
import { createHolidayCalendar } from '../../../src/core/scheduling/holiday-calendars';
import { isWorkingDay } from '../../../src/core/scheduling/local-days';
import { addDays } from '../../e2e/support/paris-days';
import { writeDemoProgrammeInSelection } from '../../e2e/support/write-demo-programme-in-selection';
import { writeFollowUpProgramme } from '../../e2e/support/write-follow-up-programme';
import { writeOpenCallProgramme } from '../../e2e/support/write-open-call-programme';

const FRANCE = createHolidayCalendar('FR');
const LEAD = { name: 'Nadia Benali', aadObjectId: '0b7e8f9a-1c2d-4e3f-9a8b-7c6d5e4f3a2b' };

/** Milestones a Lab would write: working days, in order, a hackathon on two following days. */
function assertBelievable(milestones: Milestones, where: string): void {
  for (const [name, day] of Object.entries(milestones)) {
    assert.ok(isWorkingDay(day, FRANCE), `${where}: ${name} on ${day}`);
  }
  const days = Object.values(milestones);
  assert.deepEqual([...days].sort(), days, `${where}: out of order`);
  assert.equal(milestones.hackathonEnd, addDays(milestones.hackathonStart, 1), where);
}

function milestonesOf(path: string): Milestones {
  const result = readProgrammeYaml(readFileSync(path, 'utf8'), KNOWN_ORGANISATIONS);
  assert.ok(result.ok, path);
  return result.programme.milestones;
}

describe('the programmes the Playground runs write (end-to-end support)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labbot-milestones-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // Two years of days, Easter, Christmas and every weekday included.
  const days = Array.from({ length: 730 }, (_, index) => addDays('2026-01-01', index));

  it('dates an open call on working days, its call open on the day of the run', () => {
    for (const today of days) {
      const { milestones } = writeOpenCallProgramme(dir, new Date(`${today}T10:00:00Z`));
      assertBelievable(milestones, `open call on ${today}`);
      assert.equal(getProgrammePhase(milestones, today), 'call-open', today);
    }
  });

  it('dates a selection and a follow-up on working days, each in its phase on the day', () => {
    // Every fifth day (every weekday in turn): each run parses the 2026 example file twice.
    for (const today of days.filter((_, index) => index % 5 === 0)) {
      const now = new Date(`${today}T10:00:00Z`);
      const selection = milestonesOf(writeDemoProgrammeInSelection(dir, now).path);
      assertBelievable(selection, `selection on ${today}`);
      assert.equal(getProgrammePhase(selection, today), 'selection', today);
      const followUp = milestonesOf(writeFollowUpProgramme(dir, LEAD, now).path);
      assertBelievable(followUp, `follow-up on ${today}`);
      assert.equal(getProgrammePhase(followUp, today), 'follow-up', today);
    }
  });
});
