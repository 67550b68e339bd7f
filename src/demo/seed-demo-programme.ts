import type { Candidacy, JobRole } from '../core/candidacies/candidacy';
import type { CandidacyStore } from '../core/ports/candidacy-store';
import type { ProgrammeStore } from '../core/ports/programme-store';
import type { Programme } from '../core/programmes/programme';
import { createDemoFacilitators, createDemoParticipants } from './demo-people';
import demoProgramme from './demo-programme.json';

/** The demo edition: the 2022 shape (39 seats, 10 organisations, a dozen facilitators) on this year's calendar. */
export const DEMO_PROGRAMME: Programme = {
  ...(demoProgramme as Programme),
  facilitators: createDemoFacilitators(),
};

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
export async function seedDemoParticipants(store: CandidacyStore, at: Date): Promise<number> {
  const participants = createDemoParticipants(
    DEMO_PROGRAMME.organisations,
    DEMO_PROGRAMME.themeOptions.map((t) => t.id),
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
