import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { toParisDay, toWorkingMilestones } from './paris-days';

/**
 * Days from today of each milestone: the call opened 10 days ago and closes in 20, so a run near
 * midnight or across a daylight-saving change still falls inside it; the rest follow in order.
 */
const MILESTONE_OFFSETS = {
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
} as const;

/** What a test needs to know about the programme it wrote. */
export interface OpenCallProgramme {
  path: string;
  id: string;
  name: string;
  /** Theme labels, in the file's order (the form's theme wishes offer them). */
  themes: string[];
  milestones: Record<keyof typeof MILESTONE_OFFSETS, string>;
}

/**
 * Writes, as a Lab organiser would, a programme file (format of examples/defi-du-lab-2022.yml)
 * whose call is open on `now`, with the Cnaf (the Playground's current user) among its
 * organisations, into `dir`. No endorsement, so the form needs no manager who uses the bot.
 */
export function writeOpenCallProgramme(dir: string, now = new Date()): OpenCallProgramme {
  const today = toParisDay(now);
  const year = Number(today.slice(0, 4)) + 1;
  const id = `defi-du-lab-${year}`;
  const name = `Défi du Lab ${year}`;
  const milestones: OpenCallProgramme['milestones'] = toWorkingMilestones(today, MILESTONE_OFFSETS);
  const themes = [
    { id: 'simplification', label: 'Simplifier les démarches des assurés' },
    { id: 'accueil', label: 'Réinventer l’accueil' },
    { id: 'donnees', label: 'Mieux utiliser les données' },
  ];
  const programme = {
    id,
    name,
    theme: 'Innover pour un service public plus simple',
    description: 'Un appel ouvert à tous les agents, un hackathon de deux jours, un an de suivi.',
    intake: { mode: 'individual' },
    capacity: { seats: 30, maxPerOrganisation: 3 },
    organisations: ['cnaf', 'caf-loire', 'cpam-sarthe', 'carsat-hdf', 'urssaf-lorraine'],
    themes,
    milestones,
    criteria: [{ id: 'motivation', label: 'Motivation' }],
    endorsementRequired: false,
    confirmationDays: 7,
    privacyNoticeUrl: 'https://lab.securite-sociale.example/confidentialite',
  };
  const path = join(dir, `${id}.yml`);
  writeFileSync(
    path,
    `# Written by the end-to-end test: a call open today (${today}).\n${stringify(programme)}`,
  );
  return { path, id, name, themes: themes.map((theme) => theme.label), milestones };
}
