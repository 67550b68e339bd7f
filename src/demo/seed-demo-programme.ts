import type { Candidacy, JobRole } from '../core/candidacies/candidacy';
import type { CandidacyStore } from '../core/ports/candidacy-store';
import type { ProgrammeStore } from '../core/ports/programme-store';
import type { ScoreStore } from '../core/ports/score-store';
import type { Programme } from '../core/programmes/programme';
import { getCriteria } from '../core/selection/committee';
import { createDemoCommittee, createDemoFacilitators, createDemoParticipants } from './demo-people';
import demoProgramme from './demo-programme.json';

/** The demo edition: the 2022 shape (39 seats, 10 organisations, a dozen facilitators) on this year's calendar. */
export const DEMO_PROGRAMME: Programme = {
  ...(demoProgramme as Programme),
  facilitators: createDemoFacilitators(),
  committee: createDemoCommittee(),
};

/** What the committee wrote beside its scores, in turn: short, as people write them on the day. */
const DEMO_COMMENTS = [
  'Motivation claire, expérience utile à une équipe mixte.',
  'Bonne connaissance du terrain ; disponibilité à confirmer avec sa direction.',
  'Profil complémentaire, déjà à l’origine d’une démarche dans son organisme.',
  'Projet réaliste, appui de son encadrement.',
];

/** Saves the demo programme unless a programme with its id exists; returns whether it was added. */
export async function seedDemoProgramme(store: ProgrammeStore): Promise<boolean> {
  if ((await store.get(DEMO_PROGRAMME.id)) !== undefined) return false;
  await store.save(DEMO_PROGRAMME);
  return true;
}

/**
 * The demo's 39 selected participants as confirmed candidacies, so "former les équipes" has
 * people to mix. Added once: nothing is written when the programme already has candidacies.
 */
export async function seedDemoParticipants(
  store: CandidacyStore,
  at: Date,
  /** More than the 39 of the demo to show the cards at scale (paged formation preview). */
  count = 39,
): Promise<number> {
  const participants = createDemoParticipants(
    DEMO_PROGRAMME.organisations,
    DEMO_PROGRAMME.themeOptions.map((t) => t.id),
    count,
  );
  return store.transact(DEMO_PROGRAMME.id, (existing) => {
    if (existing.length > 0) return { result: 0 };
    const candidacies = participants.map((p, index): Candidacy => ({
      id: `demo-${String(index + 1).padStart(3, '0')}`,
      programmeId: DEMO_PROGRAMME.id,
      mode: 'individual',
      applicant: { aadId: p.aadId, name: p.name },
      organisationId: p.organisationId,
      status: 'confirmed',
      answers: {
        mode: 'individual',
        jobRole: (p.role ?? 'other') as JobRole,
        region: p.region ?? '',
        managerEmail: null,
        motivation: 'Participant de démonstration.',
        themeWishes: [...(p.themes ?? [])],
        availableForKickOff: true,
        availableForHackathon: true,
      },
      seatCount: 1,
      endorsement: null,
      consentAt: at,
      submittedAt: at,
      updatedAt: at,
      decidedAt: at,
      decidedBy: 'demo',
      waitlistedAt: null,
      confirmBy: null,
      confirmedAt: at,
    }));
    return { save: candidacies, result: candidacies.length };
  });
}

/**
 * The committee's scores of the demo's selected participants, so the dashboard shows an edition
 * whose committee did its work (every selected person scored by each member from another
 * organisation, the evening before the committee met). Added once: nothing is written when the
 * programme already has scores or has no demo candidacies.
 */
export async function seedDemoScores(
  stores: { candidacies: CandidacyStore; scores: ScoreStore },
  programme: Programme = DEMO_PROGRAMME,
): Promise<number> {
  if ((await stores.scores.listForProgramme(programme.id)).length > 0) return 0;
  const candidacies = (await stores.candidacies.list(programme.id)).filter((c) =>
    c.id.startsWith('demo-'),
  );
  // 17:00 in Paris (summer time) on the eve of the committee.
  const [year, month, day] = programme.milestones.selectionCommittee.split('-').map(Number);
  const scoredAt = new Date(Date.UTC(year!, month! - 1, day! - 1, 15, 0));
  const criteria = getCriteria(programme);
  let count = 0;
  for (const [index, candidacy] of candidacies.entries()) {
    for (const [rank, member] of (programme.committee ?? []).entries()) {
      if (member.organisationId === candidacy.organisationId) continue;
      // Selected people: scores of 3 to 5, varied but fixed so the demo reads the same each time.
      const values = Object.fromEntries(
        criteria.map((criterion, k) => [criterion.id, 3 + ((index + rank * 2 + k) % 3)]),
      );
      await stores.scores.save(
        {
          programmeId: programme.id,
          candidacyId: candidacy.id,
          memberAadId: member.aadId,
          values,
          comment: DEMO_COMMENTS[(index + rank) % DEMO_COMMENTS.length]!,
          scoredAt,
        },
        {
          at: scoredAt,
          actor: member.aadId,
          action: 'candidacy.score',
          programmeId: programme.id,
          subjectId: candidacy.id,
          details: { values },
        },
      );
      count += 1;
    }
  }
  return count;
}
