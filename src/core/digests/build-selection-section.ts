import type { Programme } from '../programmes/programme';
import type { SelectionSection } from './digest';
import type { SelectionFigures } from './digest-figures';
import { rankOrganisations } from './rank-organisations';

/** The selection part of a digest: scoring progress, decisions, seats, quotas and confirmations. */
export function buildSelectionSection(
  programme: Programme,
  figures: SelectionFigures,
): SelectionSection {
  const { byStatus } = figures;
  const candidacies =
    byStatus.submitted.candidacies +
    byStatus.waitlisted.candidacies +
    byStatus.accepted.candidacies +
    byStatus.confirmed.candidacies +
    byStatus.declined.candidacies +
    byStatus.lapsed.candidacies;
  const seatsTaken = byStatus.accepted.people + byStatus.confirmed.people;
  const seatsByOrganisation = rankOrganisations(
    programme,
    figures.seatsByOrganisation.map((o) => ({ organisationId: o.organisationId, count: o.people })),
  );
  const organisationsFull = seatsByOrganisation.filter(
    (o) => o.count >= programme.maxPerOrganisation,
  );
  const full = new Set(organisationsFull.map((o) => o.organisationId));
  return {
    kind: 'selection',
    candidacies,
    scored: figures.scored,
    notScored: candidacies - figures.scored,
    decisions: {
      awaiting: byStatus.submitted.candidacies,
      accepted: byStatus.accepted.candidacies,
      confirmed: byStatus.confirmed.candidacies,
      waitlisted: byStatus.waitlisted.candidacies,
      declined: byStatus.declined.candidacies,
      lapsed: byStatus.lapsed.candidacies,
    },
    seats: programme.seats,
    seatsTaken,
    seatsLeft: Math.max(0, programme.seats - seatsTaken),
    maxPerOrganisation: programme.maxPerOrganisation,
    seatsByOrganisation,
    organisationsFull,
    organisationsWithRoom: programme.organisations.filter((o) => !full.has(o.id)).length,
    waitlist: { ...byStatus.waitlisted },
    confirmations: {
      pending: byStatus.accepted.candidacies,
      overdue: figures.confirmationsOverdue,
      nextDeadline: figures.nextConfirmBy,
    },
  };
}
