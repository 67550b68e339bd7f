import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { KNOWN_ORGANISATIONS } from '../../../src/catalogue/known-organisations';
import { addDays, toParisDay } from './paris-days';
import { MOCK_DATA_PATH } from './read-mock-data';

const EXAMPLE_FILE = join(__dirname, '..', '..', '..', 'examples', 'defi-du-lab-2023.yml');

/**
 * The programme's calendar around today, in days, for each step of the edition a test walks
 * through. `call`: the call opened 10 days ago and closes in 20 (a run near midnight still falls
 * inside it). `kickOff`: the committee sat 5 days ago and the kick-off is today, when teams are
 * formed. `followUp`: the follow-up started two months ago, so this month's point mensuel is due
 * whatever the day of the month, and the reviews are far away.
 */
const CALENDARS = {
  call: {
    candidacyOpen: -10,
    candidacyClose: 20,
    selectionCommittee: 27,
    kickOff: 45,
    hackathonStart: 60,
    hackathonEnd: 61,
    followUpStart: 90,
    decemberReview: 180,
    marchReview: 270,
    end: 300,
  },
  kickOff: {
    candidacyOpen: -45,
    candidacyClose: -15,
    selectionCommittee: -5,
    kickOff: 0,
    hackathonStart: 30,
    hackathonEnd: 31,
    followUpStart: 60,
    decemberReview: 150,
    marchReview: 240,
    end: 270,
  },
  followUp: {
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
  },
} as const;

/** Where the edition stands on the day the file is written. */
export type TeamModeStep = keyof typeof CALENDARS;

/** What a test needs to know about the programme it wrote. */
export interface TeamModeProgramme {
  path: string;
  id: string;
  name: string;
  /** Organisation id → name, as the file's organisations are named on the cards. */
  organisations: Map<string, string>;
  facilitators: { aadId: string; name: string; organisation: string }[];
  minTeamSize: number;
}

/**
 * Writes, as a Lab organiser would, the team-mode edition of examples/defi-du-lab-2023.yml (six
 * organisations, each applying with its own team; the Lab's facilitators) under a name of next
 * year, its calendar set for `step`, naming the Playground's team as the programme's Teams team.
 * Writing it again for a later step and importing it is how the test moves the edition on.
 */
export function writeTeamModeProgramme(
  dir: string,
  step: TeamModeStep,
  now = new Date(),
): TeamModeProgramme {
  const today = toParisDay(now);
  const year = Number(today.slice(0, 4)) + 1;
  const document = parseDocument(readFileSync(EXAMPLE_FILE, 'utf8'));
  const id = `defi-du-lab-${year}-equipes`;
  const name = `Défi du Lab ${year}`;
  document.set('id', id);
  document.set('name', name);
  for (const [milestone, offset] of Object.entries(CALENDARS[step])) {
    document.setIn(['milestones', milestone], addDays(today, offset));
  }
  const mock = parse(readFileSync(MOCK_DATA_PATH, 'utf8')) as { team: { id: string } };
  document.set('teamsTeamId', mock.team.id);
  const path = join(dir, `${id}.yml`);
  writeFileSync(
    path,
    `# Written by the end-to-end test: step "${step}" on ${today}.\n${document.toString()}`,
  );
  const programme = document.toJS() as {
    organisations: string[];
    facilitators: { aadId: string; name: string; organisation: string }[];
    intake: { minTeamSize: number };
  };
  return {
    path,
    id,
    name,
    organisations: new Map(
      KNOWN_ORGANISATIONS.filter((o) => programme.organisations.includes(o.id)).map((o) => [
        o.id,
        o.name,
      ]),
    ),
    facilitators: programme.facilitators,
    minTeamSize: programme.intake.minTeamSize,
  };
}
