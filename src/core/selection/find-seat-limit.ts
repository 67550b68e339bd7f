import { type Candidacy, holdsSeats } from '../candidacies/candidacy';
import { getOrganisationName, type Programme } from '../programmes/programme';
import type { Refusal } from '../candidacies/refusal';

/**
 * The limit accepting `candidate` would break, or undefined when it fits: first the programme's
 * seats, then the maximum per organisation. Both count people (a team takes one seat per member).
 */
export function findSeatLimit(
  programme: Programme,
  candidacies: readonly Candidacy[],
  candidate: Candidacy,
): Refusal | undefined {
  const holding = candidacies.filter((c) => c.id !== candidate.id && holdsSeats(c));
  const taken = sumSeats(holding);
  if (taken + candidate.seatCount > programme.seats) {
    return {
      code: 'seatsFull',
      params: { seats: programme.seats, taken, needed: candidate.seatCount },
    };
  }
  const takenByOrganisation = sumSeats(
    holding.filter((c) => c.organisationId === candidate.organisationId),
  );
  if (takenByOrganisation + candidate.seatCount > programme.maxPerOrganisation) {
    return {
      code: 'organisationFull',
      params: {
        organisation: getOrganisationName(programme, candidate.organisationId),
        max: programme.maxPerOrganisation,
        taken: takenByOrganisation,
      },
    };
  }
  return undefined;
}

function sumSeats(candidacies: readonly Candidacy[]): number {
  return candidacies.reduce((total, c) => total + c.seatCount, 0);
}
