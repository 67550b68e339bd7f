import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { toParisDay, toWorkingMilestones } from './paris-days';
import type { MockCurrentUser } from './read-mock-data';

const DEMO_FILE = join(__dirname, '..', '..', '..', 'examples', 'defi-du-lab-2026.yml');

/**
 * Days from today of each milestone: the follow-up started two months ago, so this month's
 * check-in day has passed whatever the day of the month (its answer window runs until next
 * month's); the reviews are far enough that none of their cards is due around today.
 */
const MILESTONE_OFFSETS = {
  candidacyOpen: -220,
  candidacyClose: -190,
  selectionCommittee: -180,
  kickOff: -160,
  hackathonStart: -130,
  hackathonEnd: -129,
  followUpStart: -60,
  decemberReview: 60,
  marchReview: 150,
  end: 180,
} as const;

/** What a test needs to know about the programme it wrote. */
export interface FollowUpProgrammeFile {
  path: string;
  id: string;
  name: string;
  team: { number: number; name: string };
}

/**
 * Writes the demo programme's file (examples/defi-du-lab-2026.yml) as a Lab organiser would
 * for a follow-up under way: milestones moved around `now`, and one formed team (the file's
 * `teams` block) whose lead is `lead`, the Playground's current user, so that the follow-up
 * job's catch-up sends them this month's check-in card.
 */
export function writeFollowUpProgramme(
  dir: string,
  lead: MockCurrentUser,
  now = new Date(),
): FollowUpProgrammeFile {
  const today = toParisDay(now);
  const document = parseDocument(readFileSync(DEMO_FILE, 'utf8'));
  for (const [milestone, day] of Object.entries(toWorkingMilestones(today, MILESTONE_OFFSETS))) {
    document.setIn(['milestones', milestone], day);
  }
  const team = { number: 1, name: 'Caf’enir' };
  document.set('teams', [
    {
      id: 'team-1',
      number: team.number,
      name: team.name,
      theme: 'fideliser',
      lead: lead.aadObjectId,
      members: [
        { aadId: lead.aadObjectId, name: lead.name, organisation: 'cnaf' },
        {
          aadId: '9b1b7aba-a169-40c0-b2dd-eb1a3bba7a1c',
          name: 'Sophie Moreau',
          organisation: 'caf-loire',
        },
      ],
      facilitators: [
        {
          aadId: '9f61debb-a836-45ce-8311-3a66b12abe73',
          name: 'Thomas Girard',
          organisation: 'cpam-sarthe',
        },
      ],
    },
  ]);
  const path = join(dir, 'defi-du-lab-2026.yml');
  writeFileSync(
    path,
    `# Written by the end-to-end test: follow-up under way on ${today}.\n${document.toString()}`,
  );
  return { path, id: String(document.get('id')), name: String(document.get('name')), team };
}
