import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { toParisDay, toWorkingMilestones } from './paris-days';

const DEMO_FILE = join(__dirname, '..', '..', '..', 'examples', 'defi-du-lab-2026.yml');

/**
 * Days from today of each milestone: the call closed 10 days ago and the committee sits in 5, so
 * the programme is in its selection phase today, even near midnight; the rest follow in order.
 */
const MILESTONE_OFFSETS = {
  candidacyOpen: -40,
  candidacyClose: -10,
  selectionCommittee: 5,
  kickOff: 30,
  hackathonStart: 50,
  hackathonEnd: 51,
  followUpStart: 80,
  decemberReview: 160,
  marchReview: 250,
  end: 270,
} as const;

/** What a test needs to know about the programme it wrote. */
export interface DemoProgrammeFile {
  path: string;
  id: string;
  name: string;
}

/**
 * Writes the demo programme (examples/defi-du-lab-2026.yml, same id, so the bot's demo seed adds
 * its 39 confirmed participants to it) with its milestones moved around `now` so that its
 * selection is under way, as a Lab organiser would edit the file before `labbot programme
 * import`. The formed teams of the example are left out: they come after the kick-off.
 */
export function writeDemoProgrammeInSelection(dir: string, now = new Date()): DemoProgrammeFile {
  const today = toParisDay(now);
  const document = parseDocument(readFileSync(DEMO_FILE, 'utf8'));
  for (const [milestone, day] of Object.entries(toWorkingMilestones(today, MILESTONE_OFFSETS))) {
    document.setIn(['milestones', milestone], day);
  }
  document.delete('teams');
  const path = join(dir, 'defi-du-lab-2026.yml');
  writeFileSync(
    path,
    `# Written by the end-to-end test: selection under way on ${today}.\n${document.toString()}`,
  );
  return {
    path,
    id: String(document.get('id')),
    name: String(document.get('name')),
  };
}
